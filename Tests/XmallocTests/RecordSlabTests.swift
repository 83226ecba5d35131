import PowerArch
import Testing
@testable import Xmalloc

/// A record is held once, by up to three holders (live store, freed ring, poisoned block): its
/// slot must stay readable until the last one lets go, and only then be reused.
@Suite("Record slab: one copy per record, freed with its last holder")
struct RecordSlabTests {
    @Test("A slot with two holders survives the first release and is reused after the second")
    func holders() {
        let slab = RecordSlab(capacity: 2)
        let a = slab.add(sampleRecord(0x1000, sequence: 1))
        slab.hold(a)
        slab[a].freedBy = kextA
        slab.release(a)
        #expect(slab.count == 1)
        #expect(slab[a].sequence == 1)
        #expect(slab[a].freedBy == kextA)
        slab.release(a)
        #expect(slab.count == 0)
        let b = slab.add(sampleRecord(0x2000, sequence: 2))
        #expect(b == a)
        #expect(slab[b].sequence == 2)
        #expect(slab[b].freedBy == nil)
    }

    @Test("Growing keeps every held record in its slot")
    func growth() {
        let slab = RecordSlab(capacity: 2)
        let slots = (0..<100).map { slab.add(sampleRecord(0x1000 + UInt64($0) * 64, sequence: $0)) }
        for (n, slot) in slots.enumerated() { #expect(slab[slot].sequence == n) }
        #expect(slab.count == 100)
        #expect(slab.capacity >= 100)
    }
}
