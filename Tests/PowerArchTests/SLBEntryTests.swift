import Testing
@testable import PowerArch

@Suite("SLB entries")
struct SLBEntryTests {
    // MARK: - Worked example

    @Test("The slbmte operands of §2.7 A are RB 0x78000005 and RS 0x000123456789A400")
    func slbmteOperandsOfVectorA() {
        let operands = VectorA.segment.slbmteOperands(slot: VectorA.slot)
        #expect(operands.rb == 0x7800_0005)
        #expect(operands.rs == 0x0001_2345_6789_A400)
    }

    @Test("Decoding the §2.7 A operands gives back slot 5 and the entry")
    func decodeVectorA() throws {
        let decoded = try SLBEntry.decode(rs: 0x0001_2345_6789_A400, rb: 0x7800_0005, slotCount: 64).get()
        #expect(decoded.slot == 5)
        #expect(decoded.entry == VectorA.segment)
        #expect(decoded.entry.esid == 0x7)
        #expect(decoded.entry.vsid == VectorA.vsid)
        #expect(decoded.entry.flags == [.kp])
        #expect(decoded.entry.segmentSize == .megabytes256)
        #expect(decoded.entry.basePageShift == 12)
    }

    // MARK: - Field layout

    static let flagBits: [(SLBEntry.Flags, UInt64)] = [
        (.ks, 0x800), (.kp, 0x400), (.noExecute, 0x200), (.large, 0x100), (.segmentClass, 0x080),
    ]

    @Test("Each flag sits at its ISA bit of RS", arguments: flagBits)
    func flagBit(flag: SLBEntry.Flags, mask: UInt64) {
        // L alone (LP = 00) is the 16 MB encoding, so every flag is legal on its own.
        let entry = SLBEntry(esid: 1, vsid: 0, flags: flag)
        #expect(entry.vsidWord == mask)
        #expect(entry.flags == flag)
    }

    @Test("Valid bit, ESID and B occupy RB bits 0:36 and RS bits 0:1")
    func wordLayout() {
        let entry = SLBEntry(esid: 0xF_FFFF_FFFF, vsid: (1 << 50) - 1, flags: [])
        #expect(entry.esidWord == 0xFFFF_FFFF_F800_0000)
        #expect(entry.vsidWord == 0x3FFF_FFFF_FFFF_F000)
        let terabyte = SLBEntry(esid: 0xFF_FFFF, vsid: (1 << 38) - 1, segmentSize: .terabyte1, flags: [])
        #expect(terabyte.esidWord == 0xFFFF_FF00_0800_0000)
        #expect(terabyte.vsidWord == 0x7FFF_FFFF_FF00_0000)
        #expect(terabyte.vsid == (1 << 38) - 1)
        #expect(terabyte.esid == 0xFF_FFFF)
    }

    @Test("L||LP encodings select 4K, 16M, 64K and 16G base pages",
          arguments: [(0x000, 12), (0x100, 24), (0x110, 16), (0x120, 34)] as [(UInt64, UInt64)])
    func pageSizeEncodings(llp: UInt64, shift: UInt64) throws {
        let decoded = try SLBEntry.decode(rs: llp, rb: 0x0800_0000, slotCount: 64).get()
        #expect(decoded.entry.basePageShift == shift)
    }

    @Test("Round trip through slbmte operands", arguments: [
        SLBEntry(esid: 0, vsid: 0x1, flags: .kernel),
        SLBEntry(esid: 0xF_1000_0004, vsid: 0x3_FFFF_FFFF_FFFF, flags: .user),
        SLBEntry(esid: 0x123, vsid: 0x42, flags: [.ks, .noExecute]),
        SLBEntry(esid: 0x12, vsid: 0x123, segmentSize: .terabyte1, flags: [.kp]),
    ])
    func roundTrip(entry: SLBEntry) throws {
        let operands = entry.slbmteOperands(slot: 63)
        let decoded = try SLBEntry.decode(rs: operands.rs, rb: operands.rb, slotCount: 64).get()
        #expect(decoded.slot == 63)
        #expect(decoded.entry == entry)
    }

    // MARK: - slbmte checks

    @Test("slbmte refuses bad operands with the reason")
    func slbmteChecks() {
        #expect(SLBEntry.decode(rs: 0, rb: 0x0800_0040, slotCount: 64).failure == .slotOutOfRange(64))
        #expect(SLBEntry.decode(rs: 0, rb: 0x0800_1000, slotCount: 64).failure == .reservedBitsSet)
        #expect(SLBEntry.decode(rs: 0x1, rb: 0x0800_0000, slotCount: 64).failure == .reservedBitsSet)
        #expect(SLBEntry.decode(rs: 0x8000_0000_0000_0000, rb: 0x0800_0000, slotCount: 64).failure == .reservedSegmentSize)
        #expect(SLBEntry.decode(rs: 0x130, rb: 0x0800_0000, slotCount: 64).failure == .unknownPageSize(0x130))
        #expect(SLBEntry.decode(rs: 0x4000_0000_0000_0000, rb: 0x1000_0000 | 0x0800_0000, slotCount: 64).failure == .reservedBitsSet)
    }

    // MARK: - Keys and translation

    @Test("The key is Ks in supervisor state and Kp in problem state", arguments: [
        (SLBEntry.Flags(), ProtectionKey.key0, ProtectionKey.key0),
        ([.ks], .key1, .key0),
        ([.kp], .key0, .key1),
        ([.ks, .kp], .key1, .key1),
    ] as [(SLBEntry.Flags, ProtectionKey, ProtectionKey)])
    func keySelection(flags: SLBEntry.Flags, supervisor: ProtectionKey, problem: ProtectionKey) {
        let entry = SLBEntry(esid: 0, vsid: 0, flags: flags)
        #expect(entry.key(for: .supervisor) == supervisor)
        #expect(entry.key(for: .problem) == problem)
    }

    @Test("EA 0x76543210 in segment 7 has VA 0x123456789A6543210 and VPN 0x123456789A6543")
    func virtualAddressOfVectorA() {
        let va = VectorA.virtualAddress
        #expect(va.vsid == VectorA.vsid)
        #expect(va.segmentOffset == 0x654_3210)
        #expect(va.pageIndex == 0x6543)
        #expect(va.pageOffset == 0x210)
        #expect(va.description == "0x123456789A6543210")
        #expect(va.vsid << 16 | va.pageIndex == 0x12_3456_789A_6543)
    }

    @Test("An entry matches only EAs of its own segment")
    func matching() {
        #expect(VectorA.segment.matches(EffectiveAddress(0x7000_0000)))
        #expect(VectorA.segment.matches(EffectiveAddress(0x7FFF_FFFF)))
        #expect(!VectorA.segment.matches(EffectiveAddress(0x8000_0000)))
        #expect(!VectorA.segment.matches(EffectiveAddress(0x1_7000_0000)))
        #expect(!SLBEntry.invalid.matches(EffectiveAddress(0)))
    }
}
