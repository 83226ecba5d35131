import Testing
@testable import PowerArch

@Suite("Page table hashes and geometry")
struct PageTableHashTests {
    // MARK: - §2.7 A

    @Test("SDR1 0x01000004 decodes to HTABORG 0x01000000, 32768 PTEGs, 4 MB")
    func sdr1OfVectorA() {
        let sdr1 = VectorA.sdr1
        #expect(sdr1.htabOrigin == 0x0100_0000)
        #expect(sdr1.htabSize == 4)
        #expect(sdr1.ptegCount == 32768)
        #expect(sdr1.ptegIndexMask == 0x7FFF)
        #expect(sdr1.tableBytes == 0x40_0000)
        #expect(sdr1.isWellFormed)
        #expect(SDR1(htabOrigin: 0x0100_0000, htabSize: 4).rawValue == 0x0100_0004)
        #expect(SDR1(htabOrigin: 0x0100_0000, tableBytes: 0x40_0000) == sdr1)
    }

    @Test("The primary hash of §2.7 A is 0x1234561DD9 and the secondary its complement")
    func hashOfVectorA() {
        let primary = PageTableHash.primary(vsid: VectorA.vsid, pageIndex: 0x6543, segmentSize: .megabytes256)
        #expect(primary == 0x12_3456_1DD9)
        #expect(VectorA.virtualAddress.primaryHash == primary)
        #expect(PageTableHash.hash(.secondary, primary: primary) == ~primary & 0x7F_FFFF_FFFF)
    }

    @Test("§2.7 A: primary PTEG 0x1DD9 at 0x010EEC80, secondary 0x6226 at 0x01311300")
    func ptegsOfVectorA() {
        let table = HashedPageTable(sdr1: VectorA.sdr1)
        let va = VectorA.virtualAddress
        let primary = table.ptegIndex(of: va, hash: .primary)
        let secondary = table.ptegIndex(of: va, hash: .secondary)
        #expect(primary == 0x1DD9)
        #expect(secondary == 0x6226)
        #expect(VectorA.sdr1.ptegAddress(ofGroup: primary) == 0x010E_EC80)
        #expect(VectorA.sdr1.ptegAddress(ofGroup: secondary) == 0x0131_1300)
        #expect(PTEIndex(group: primary, slot: 0).rawValue == 0xEEC8)
        #expect(PTEIndex(group: secondary, slot: 0).rawValue == 0x31130)
        #expect(VectorA.sdr1.pteAddress(of: PTEIndex(rawValue: 0xEEC9)) == 0x010E_EC90)
    }

    // MARK: - §2.7 C

    @Test("§2.7 C: the 1 TB hash is 0x24434575B, PTEGs 0x575B and 0x28A4")
    func terabyteHash() {
        let va = VirtualAddress(vsid: 0x123, segmentOffset: 0x23_4567_8000, segmentSize: .terabyte1)
        #expect(va.pageIndex == 0x234_5678)
        #expect(va.primaryHash == 0x2_4434_575B)
        let sdr1 = SDR1(htabOrigin: 0, htabSize: 4)
        #expect(sdr1.ptegIndex(forHash: va.primaryHash) == 0x575B)
        #expect(sdr1.ptegIndex(forHash: PageTableHash.hash(.secondary, primary: va.primaryHash)) == 0x28A4)
    }

    // MARK: - §2.7 B (32-bit)

    @Test("§2.7 B: the classic hashes are 0x25115 and 0x5AEEA")
    func classicHash() {
        let register = SegmentRegister(vsid: 0x12_3456, supervisorKey: .key0, problemKey: .key1)
        let ea: UInt32 = 0x7654_3210
        #expect(SegmentRegister.index(of: ea) == 7)
        #expect(register.virtualAddress(of: ea) == 0x12_3456_654_3210)
        let primary = PageTableHash.primaryClassic(vsid: register.vsid, pageIndex: (ea >> 12) & 0xFFFF)
        #expect(primary == 0x2_5115)
        #expect(PageTableHash.hashClassic(.secondary, primary: primary) == 0x5_AEEA)
    }

    @Test("§2.7 B: SDR1 0x00F00003 puts the PTEGs at 0x00F04540 and 0x00F3BA80, in both address forms")
    func classicPTEGAddresses() {
        let sdr1 = ClassicSDR1(rawValue: 0x00F0_0003)
        #expect(sdr1 == ClassicSDR1(htabOrigin: 0x00F0_0000, htabMask: 3))
        #expect(sdr1.tableBytes == 256 * 1024)
        #expect(sdr1.ptegCount == 4096)
        #expect(sdr1.ptegAddress(forHash: 0x2_5115) == 0x00F0_4540)
        #expect(sdr1.ptegAddressByFields(forHash: 0x2_5115) == 0x00F0_4540)
        #expect(sdr1.ptegAddress(forHash: 0x5_AEEA) == 0x00F3_BA80)
        #expect(sdr1.ptegAddressByFields(forHash: 0x5_AEEA) == 0x00F3_BA80)
    }

    @Test("The two classic PTEG address forms agree for every table size",
          arguments: [0, 1, 3, 0x1F, 0x1FF] as [UInt32])
    func classicFormsAgree(mask: UInt32) {
        let sdr1 = ClassicSDR1(htabOrigin: 0x4000_0000, htabMask: mask)
        for hash in stride(from: UInt32(0), to: 1 << 19, by: 0x1F3) {
            #expect(sdr1.ptegAddress(forHash: hash) == sdr1.ptegAddressByFields(forHash: hash))
        }
    }

    // MARK: - SDR1 in general

    @Test("HTABSIZE n gives 2^(11+n) PTEGs of 128 bytes", arguments: [0, 1, 4, 12, 28] as [UInt64])
    func sdr1Sizes(htabSize: UInt64) {
        let sdr1 = SDR1(htabOrigin: 0, htabSize: htabSize)
        #expect(sdr1.ptegCount == 1 << (11 + htabSize))
        #expect(sdr1.tableBytes == 1 << (18 + htabSize))
    }

    @Test("A misaligned origin or an oversized HTABSIZE makes SDR1 unusable")
    func sdr1WellFormed() {
        #expect(!SDR1(rawValue: 0x0104_0004).isWellFormed)  // 4 MB table at a 256 KB boundary
        #expect(!SDR1(rawValue: 29).isWellFormed)
        #expect(SDR1(rawValue: 0x0004_0000).isWellFormed)
    }

    @Test("Primary and secondary PTEGs always differ", arguments: [0, 4, 10] as [UInt64])
    func groupsDiffer(htabSize: UInt64) {
        let table = HashedPageTable(sdr1: SDR1(htabOrigin: 0, htabSize: htabSize))
        for page in stride(from: UInt64(0), to: 0x1_0000, by: 0x3F1) {
            let va = VirtualAddress(vsid: 0xABCDE, segmentOffset: page << 12)
            #expect(table.ptegIndex(of: va, hash: .primary) != table.ptegIndex(of: va, hash: .secondary))
        }
    }
}
