import PowerArch

/// The working-storage segments that make up the galloc heap: one 256 MB segment per ESID the
/// heap's range touches, each with its VSID and the SLB entry the kernel loads for it.
///
/// Keys follow AIX's kernel segments: Ks = 0, so kernel (supervisor) code runs with key 0 and
/// PP 00 grants it read/write; Kp = 1, so user (problem-state) code runs with key 1 and PP 00
/// denies it everything while PP 01 lets it read.
///
/// VSIDs: AIX derives a kernel segment's VSID from its ESID with a scrambling function that is not
/// documented; aixsim numbers the heap's segments consecutively from `firstVSID`, which is enough
/// for the hash to spread them over the page table. Reports show the VSID aixsim uses.
public struct GlobalSegments: Sendable {
    public static let firstVSID: UInt64 = 0x2_0000
    /// The heap's first ESID.
    public let firstESID: UInt64
    public let count: Int

    public init(map: AddressMap) {
        firstESID = map.eaBase.esid
        let last = map.eaBase.advanced(by: map.bytes - 1).esid
        count = Int(last - firstESID + 1)
    }

    /// The SLB entry for the segment of `ea`, if the heap covers it.
    public func entry(for ea: EffectiveAddress) -> SLBEntry? {
        let esid = ea.esid
        guard esid >= firstESID, esid - firstESID < UInt64(count) else { return nil }
        return SLBEntry(esid: esid, vsid: Self.firstVSID + (esid - firstESID), flags: .kernel)
    }

    /// Every segment's entry, in ESID order.
    public var entries: [SLBEntry] {
        (0..<UInt64(count)).map {
            SLBEntry(esid: firstESID + $0, vsid: Self.firstVSID + $0, flags: .kernel)
        }
    }
}
