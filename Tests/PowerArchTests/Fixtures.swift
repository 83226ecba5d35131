@testable import PowerArch

/// The worked example of power-mmu.md §2.7 A: 64-bit, 256 MB segment, 4 KB page.
enum VectorA {
    static let vsid: UInt64 = 0x12_3456_789A
    static let ea = EffectiveAddress(0x0000_0000_7654_3210)
    static let sdr1 = SDR1(rawValue: 0x0000_0000_0100_0004)
    static let realPage: UInt64 = 0x0ABC_D000
    static let slot = 5

    /// The user segment of the example (Kp = 1).
    static let segment = SLBEntry(esid: 0x7, vsid: vsid, flags: [.kp])
    static var virtualAddress: VirtualAddress { segment.virtualAddress(of: ea) }

    /// The example's dw1: RPN | R | C | M | PP=10.
    static let pte = PageTableEntry(dw0: 0x0001_2345_6789_A601, dw1: 0x0ABC_D192)

    /// A translator holding the example's segment in slot 5 and nothing in the page table.
    static func translator(flags: SLBEntry.Flags = [.kp]) -> Translator {
        var translator = Translator(sdr1: sdr1)
        translator.storeSegment(SLBEntry(esid: 0x7, vsid: vsid, flags: flags), at: slot)
        return translator
    }
}

extension Result {
    var success: Success? {
        if case .success(let value) = self { return value }
        return nil
    }

    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
