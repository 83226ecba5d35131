import Testing
@testable import PowerArch

/// The page table keeps its groups in one shared region: copies must still behave as values,
/// and the counts inspectors read must follow every insert and removal.
@Suite("Hashed page table storage")
struct PageTableStorageTests {
    typealias T = HashedPageTableTests

    @Test("A copy keeps its entries when the original is written, and the original when the copy is")
    func copiesAreValues() throws {
        var original = T.filled(3)
        let snapshot = original
        var copy = original
        _ = original.insert(T.entry(T.colliding(3)), for: T.colliding(3))
        #expect(snapshot.lookup(T.colliding(3)) == nil)
        #expect(copy.lookup(T.colliding(3)) == nil)
        #expect(original.lookup(T.colliding(3)) != nil)

        copy.invalidate(T.colliding(0))
        #expect(original.lookup(T.colliding(0)) != nil)
        #expect(snapshot.lookup(T.colliding(0)) != nil)
        #expect(copy.lookup(T.colliding(0)) == nil)

        let index = try #require(original.lookup(T.colliding(1))).index
        original.setChanged(at: index)
        #expect(original.entry(at: index).isChanged)
        #expect(!snapshot.entry(at: index).isChanged)
        #expect(snapshot == T.filled(3))
        #expect(original != snapshot)
    }

    @Test("A search for a 4 KB page skips an entry with L set, and finds the 4 KB entry in a later slot")
    func largeEntriesAreSkipped() throws {
        let page = T.colliding(0)
        let small = T.entry(page)
        let large = PageTableEntry(dw0: small.dw0 | PageTableEntry.DW0.large, dw1: small.dw1)
        var table = HashedPageTable(sdr1: T.sdr1)
        let placed = try #require(try? table.insert(large, for: page).get())
        #expect(table.entry(at: placed.index).isLarge)
        #expect(table.lookup(page) == nil)
        #expect(table.group(placed.index.group).search(PageTableEntry.searchWord(for: page, hash: .primary)) == nil)

        let second = try #require(try? table.insert(small, for: page).get())
        #expect(second.index != placed.index)
        let found = try #require(table.lookup(page))
        #expect(found.index == second.index)
        #expect(!found.entry.isLarge)
    }

    @Test("Valid entries and groups in use are counted through inserts, remaps and removals")
    func countsFollowChanges() throws {
        var table = T.filled(10)  // eight in the primary group, two in the secondary
        #expect(table.validEntryCount == 10)
        #expect(table.groupsInUse == 2)
        #expect(table.validEntries.count == 10)
        _ = table.insert(T.entry(T.colliding(9), software: .bolted), for: T.colliding(9))
        #expect(table.validEntryCount == 10)
        table.invalidate(T.colliding(8))
        table.invalidate(T.colliding(9))
        #expect(table.validEntryCount == 8)
        #expect(table.groupsInUse == 1)
        #expect(table.description.hasSuffix("8 valid PTEs in 1 PTEGs"))
        _ = table.invalidateAll(vsid: T.vsid)
        #expect(table.validEntryCount == 0 && table.groupsInUse == 0)
        #expect(table == HashedPageTable(sdr1: T.sdr1))
    }

    @Test("An index beyond the table reads as an empty slot, and updating it changes nothing")
    func outOfRangeIndex() {
        var table = T.filled(1)
        let beyond = PTEIndex(group: T.sdr1.ptegCount, slot: 0)
        #expect(table.entry(at: beyond) == .empty)
        #expect(table.group(T.sdr1.ptegCount).isEmpty)
        #expect(table.update(at: beyond) { $0.setReferenced() } == nil)
    }
}
