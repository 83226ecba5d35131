import Testing
@testable import PowerArch

@Suite("Segment lookaside buffer")
struct SLBTests {
    static func filled() -> SLB {
        var slb = SLB()
        for slot in 0..<4 {
            slb.store(SLBEntry(esid: UInt64(slot), vsid: UInt64(0x100 + slot), flags: .kernel), at: slot)
        }
        return slb
    }

    @Test("Lookup finds the slot that translates an EA, or nothing")
    func lookup() {
        let slb = Self.filled()
        let hit = slb.lookup(EffectiveAddress(0x2000_1234))
        #expect(hit?.slot == 2)
        #expect(hit?.entry.vsid == 0x102)
        #expect(slb.lookup(EffectiveAddress(0x4000_0000)) == nil)
    }

    @Test("slbmte stores into the slot RB names and slbmfee/slbmfev read it back")
    func slbmteAndRead() {
        var slb = SLB()
        let result = slb.slbmte(rs: 0x0001_2345_6789_A400, rb: 0x7800_0005)
        #expect(result.success == .invalid)
        #expect(slb[5] == VectorA.segment)
        #expect(slb.slbmfee(slot: 5) == 0x7800_0000)
        #expect(slb.slbmfev(slot: 5) == 0x0001_2345_6789_A400)
        #expect(slb.lookup(VectorA.ea)?.slot == 5)
    }

    @Test("slbie invalidates the one entry for a segment and ignores absent ones")
    func slbie() {
        var slb = Self.filled()
        #expect(slb.slbie(EffectiveAddress(0x1000_0000)) == 1)
        #expect(slb.lookup(EffectiveAddress(0x1000_0000)) == nil)
        #expect(slb.lookup(EffectiveAddress(0x2000_0000))?.slot == 2)
        #expect(slb.slbie(EffectiveAddress(0x1000_0000)) == nil)
    }

    @Test("slbie with the class bit set still finds the entry")
    func slbieClass() {
        var slb = SLB()
        slb.store(SLBEntry(esid: 3, vsid: 9, flags: .user), at: 1)
        #expect(slb.slbie(rb: 0x3000_0000 | 0x0800_0000) == 1)
    }

    @Test("slbie with B = 01 invalidates a 1 TB segment but not a 256 MB one")
    func slbieSegmentSize() {
        var slb = SLB()
        slb.store(SLBEntry(esid: 0, vsid: 1, flags: []), at: 1)
        slb.store(SLBEntry(esid: 1, vsid: 2, segmentSize: .terabyte1, flags: []), at: 2)
        #expect(slb.slbie(rb: 0x100_0000_0000 | 0x0200_0000) == 2)
        #expect(slb.slbie(rb: 0x0200_0000) == nil)
        #expect(slb.slbie(rb: 0) == 1)
    }

    @Test("slbia invalidates every entry except entry 0")
    func slbia() {
        var slb = Self.filled()
        slb.slbia()
        #expect(slb.lookup(EffectiveAddress(0x0000_1000))?.slot == 0)
        for esid in 1..<4 {
            #expect(slb.lookup(EffectiveAddress(UInt64(esid) << 28)) == nil)
        }
        #expect(slb.entries.filter(\.isValid).count == 1)
    }

    @Test("A 1 TB entry translates its whole terabyte")
    func terabyteLookup() {
        var slb = SLB()
        slb.store(SLBEntry(esid: 1, vsid: 0x123, segmentSize: .terabyte1, flags: []), at: 0)
        let hit = slb.lookup(EffectiveAddress(0x0000_0123_4567_8000))
        #expect(hit?.entry.virtualAddress(of: EffectiveAddress(0x0000_0123_4567_8000)).segmentOffset == 0x23_4567_8000)
        #expect(slb.lookup(EffectiveAddress(0x0000_0200_0000_0000)) == nil)
    }
}
