import PowerArch
import Testing
@testable import VMM

@Suite("GallocAllocator: placement and live regions")
struct GallocAllocatorTests {
    let owner = RegionOwner(rawValue: 1)

    @Test("Next fit, one guard page after each region, sequence numbers from 1")
    func nextFit() {
        var a = GallocAllocator(base: AddressMap.gallocHeapStart, pages: 16)
        let first = a.place(pages: 2)
        #expect(first == 0)
        let r1 = a.take(startPage: 0, pages: 2, flags: .working, owner: owner)
        #expect(r1.sequence == 1 && r1.size == 8192 && r1.start == AddressMap.gallocHeapStart)
        #expect(a.place(pages: 1) == 3, "page 2 is r1's guard page")
        let r2 = a.take(startPage: 3, pages: 1, flags: .working, owner: owner)
        #expect(r2.sequence == 2)
        a.remove(r1)
        #expect(a.place(pages: 1) == 5, "freed pages come back only after the rest is used")
        #expect(a.liveRegions == [r2])
        #expect(a.region(startingAt: 0) == nil && a.region(startingAt: 3) == r2)
    }

    @Test("A freed region is remembered for reports; the nearest live region otherwise")
    func relations() {
        var a = GallocAllocator(base: AddressMap.gallocHeapStart, pages: 16)
        let r1 = a.take(startPage: 0, pages: 1, flags: .working, owner: owner)
        let r2 = a.take(startPage: 2, pages: 1, flags: .working, owner: owner)
        a.remove(r1)
        guard case .insideFreed(let f) = a.relation(of: r1.start, inHeap: true) else {
            Issue.record("a freed region's address should relate to it")
            return
        }
        #expect(f.region == r1 && f.freeSequence == 1)
        guard case .nearest(let r, let d) = a.relation(of: r2.end, inHeap: true) else {
            Issue.record("the byte past r2 should be near r2")
            return
        }
        #expect(r == r2 && d == 1)
    }
}
