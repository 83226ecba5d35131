import Testing
@testable import PowerArch

@Suite("Hashed page table")
struct HashedPageTableTests {
    /// The smallest table: 2048 PTEGs, so pages 0x800 apart in one segment share both groups.
    static let sdr1 = SDR1(htabOrigin: 0x40_0000, htabSize: 0)
    static let vsid: UInt64 = 0x5_0505

    /// The `k`th page of the segment whose groups are the same as page 0x123's.
    static func colliding(_ k: Int) -> VirtualAddress {
        VirtualAddress(vsid: vsid, segmentOffset: (0x123 + UInt64(k) * 0x800) << 12)
    }

    static func entry(_ va: VirtualAddress, software: PageTableEntry.Software = []) -> PageTableEntry {
        PageTableEntry(mapping: va, to: va.pageIndex << 12, protection: .readWrite, software: software)
    }

    static func filled(_ count: Int) -> HashedPageTable {
        var table = HashedPageTable(sdr1: sdr1)
        for k in 0..<count { _ = table.insert(entry(colliding(k)), for: colliding(k)) }
        return table
    }

    // MARK: - Insert and search

    @Test("An inserted entry is found again at the ptex insert reported, with H = 0")
    func insertAndLookup() throws {
        var table = HashedPageTable(sdr1: VectorA.sdr1)
        let va = VectorA.virtualAddress
        let insertion = try table.insert(Self.entry(va), for: va).get()
        #expect(insertion.index.rawValue == 0xEEC8)
        #expect(insertion.hash == .primary)
        #expect(insertion.displaced == nil)
        let found = try #require(table.lookup(va))
        #expect(found.index == insertion.index)
        #expect(found.entry.dw0 == 0x0001_2345_6789_A601)
        #expect(table.lookup(va.advanced(by: 0x1000)) == nil)
    }

    @Test("The first eight colliding pages fill the primary group, the next eight the secondary")
    func overflowToSecondary() throws {
        var table = HashedPageTable(sdr1: Self.sdr1)
        let primary = table.ptegIndex(of: Self.colliding(0), hash: .primary)
        let secondary = table.ptegIndex(of: Self.colliding(0), hash: .secondary)
        for k in 0..<16 {
            let insertion = try table.insert(Self.entry(Self.colliding(k)), for: Self.colliding(k)).get()
            #expect(insertion.displaced == nil)
            #expect(insertion.hash == (k < 8 ? .primary : .secondary))
            #expect(insertion.index == PTEIndex(group: k < 8 ? primary : secondary, slot: k % 8))
            #expect(table.entry(at: insertion.index).hashFunction == insertion.hash)
        }
        #expect(table.group(primary).isFull && table.group(secondary).isFull)
        for k in 0..<16 {
            let found = try #require(table.lookup(Self.colliding(k)))
            #expect(found.entry.hashFunction == (k < 8 ? .primary : .secondary))
        }
    }

    @Test("With both groups full, primary slots are evicted round-robin and returned with R and C")
    func roundRobinEviction() throws {
        var table = Self.filled(16)
        let primary = table.ptegIndex(of: Self.colliding(0), hash: .primary)
        table.setChanged(at: PTEIndex(group: primary, slot: 0))
        for k in 16..<26 {
            let insertion = try table.insert(Self.entry(Self.colliding(k)), for: Self.colliding(k)).get()
            let victimSlot = (k - 16) % 8
            #expect(insertion.hash == .primary)
            #expect(insertion.index == PTEIndex(group: primary, slot: victimSlot))
            let displaced = try #require(insertion.displaced)
            #expect(displaced.reason == .evicted)
            // Slot s first held page s, then page 16 + s.
            let victimPage = k < 24 ? victimSlot : 16 + victimSlot
            #expect(displaced.virtualAddress == Self.colliding(victimPage))
            #expect(table.lookup(Self.colliding(victimPage)) == nil)
            #expect(table.lookup(Self.colliding(k)) != nil)
            if k == 16 { #expect(displaced.entry.isChanged) }
        }
    }

    @Test("Bolted entries are never evicted; the secondary group gives way instead")
    func boltedEntries() throws {
        var table = HashedPageTable(sdr1: Self.sdr1)
        for k in 0..<8 { _ = table.insert(Self.entry(Self.colliding(k), software: .bolted), for: Self.colliding(k)) }
        for k in 8..<16 { _ = table.insert(Self.entry(Self.colliding(k)), for: Self.colliding(k)) }
        let insertion = try table.insert(Self.entry(Self.colliding(16)), for: Self.colliding(16)).get()
        #expect(insertion.hash == .secondary)
        #expect(insertion.displaced?.virtualAddress == Self.colliding(8))
        for k in 0..<8 { #expect(table.lookup(Self.colliding(k)) != nil) }
    }

    @Test("Inserting into two groups of bolted entries fails and changes nothing")
    func allBolted() {
        var table = HashedPageTable(sdr1: Self.sdr1)
        for k in 0..<16 { _ = table.insert(Self.entry(Self.colliding(k), software: .bolted), for: Self.colliding(k)) }
        let before = table
        let result = table.insert(Self.entry(Self.colliding(16)), for: Self.colliding(16))
        let primary = table.ptegIndex(of: Self.colliding(0), hash: .primary)
        let secondary = table.ptegIndex(of: Self.colliding(0), hash: .secondary)
        #expect(result.failure == .bothGroupsBolted(primary: primary, secondary: secondary))
        #expect(table == before)
    }

    @Test("Reinserting a mapped page reuses its slot and returns the old mapping")
    func remap() throws {
        var table = Self.filled(12)
        let va = Self.colliding(10)
        let old = try #require(table.lookup(va))
        let new = PageTableEntry(mapping: va, to: 0x7777_0000, protection: .readOnly)
        let insertion = try table.insert(new, for: va).get()
        #expect(insertion.index == old.index)
        #expect(insertion.hash == .secondary)
        #expect(insertion.displaced?.reason == .remapped)
        #expect(insertion.displaced?.entry == old.entry)
        #expect(table.lookup(va)?.entry.realPageAddress == 0x7777_0000)
        #expect(table.validEntries.count == 12)
    }

    @Test("Inserting many colliding pages keeps exactly the pages not displaced", arguments: [9, 16, 17, 31])
    func modelOfInsertion(count: Int) throws {
        var table = HashedPageTable(sdr1: Self.sdr1)
        var present = Set<VirtualAddress>()
        for k in 0..<count {
            let insertion = try table.insert(Self.entry(Self.colliding(k)), for: Self.colliding(k)).get()
            if let displaced = insertion.displaced { present.remove(displaced.virtualAddress) }
            present.insert(Self.colliding(k))
        }
        #expect(present.count == min(count, 16))
        for k in 0..<count {
            #expect((table.lookup(Self.colliding(k)) != nil) == present.contains(Self.colliding(k)))
        }
    }

    // MARK: - Invalidate

    @Test("Invalidating one page frees its slot and returns its entry")
    func invalidateOne() throws {
        var table = Self.filled(9)
        let invalidated = table.invalidate(Self.colliding(3))
        let removed = try #require(invalidated)
        #expect(removed.reason == .invalidated)
        #expect(removed.virtualAddress == Self.colliding(3))
        #expect(table.lookup(Self.colliding(3)) == nil)
        #expect(table.invalidate(Self.colliding(3)) == nil)
        // The freed primary slot is reused before the secondary group.
        let insertion = try table.insert(Self.entry(Self.colliding(20)), for: Self.colliding(20)).get()
        #expect(insertion.index == removed.index)
    }

    @Test("Invalidating a VSID removes its pages and only its pages")
    func invalidateSegment() throws {
        var table = HashedPageTable(sdr1: VectorA.sdr1)
        let other = VirtualAddress(vsid: 0x99, segmentOffset: 0x1000)
        _ = table.insert(Self.entry(other), for: other)
        for page in 0..<20 as Range<UInt64> {
            let va = VirtualAddress(vsid: VectorA.vsid, segmentOffset: page * 0x1_3000)
            _ = table.insert(Self.entry(va), for: va)
        }
        let removed = table.invalidateAll(vsid: VectorA.vsid)
        #expect(removed.count == 20)
        #expect(removed.allSatisfy { $0.virtualAddress.vsid == VectorA.vsid })
        #expect(table.validEntries.map(\.index) == [table.lookup(other)!.index])
    }

    // MARK: - Reconstructing the page of an entry

    @Test("The virtual page of an entry is recovered from its AVPN and group",
          arguments: SegmentSize.allCases, [0, 3, 9] as [UInt64])
    func recoverVirtualAddress(segmentSize: SegmentSize, htabSize: UInt64) throws {
        var table = HashedPageTable(sdr1: SDR1(htabOrigin: 0, htabSize: htabSize))
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let vsid = (seed >> 7) & ((1 << segmentSize.vsidBits) - 1)
            let offset = (seed >> 3) & (segmentSize.bytes - 1) & ~0xFFF
            let va = VirtualAddress(vsid: vsid, segmentOffset: offset, segmentSize: segmentSize)
            let insertion = try table.insert(Self.entry(va), for: va).get()
            #expect(table.virtualAddress(ofEntryAt: insertion.index) == va)
        }
    }
}
