import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("init_heap: private heaps")
struct PrivateHeapTests {
    /// A galloc region the "kext" owns, to build a heap in.
    func area(_ allocator: XmallocAllocator, bytes: Int64) throws -> GallocRegion {
        try allocator.galloc.allocate(flags: .working, size: bytes, owner: kextA.owner).get()
    }

    // MARK: - init_heap arguments

    @Test("init_heap needs a page-aligned area of whole pages inside a live galloc region")
    func arguments() throws {
        let allocator = makeAllocator()
        let region = try area(allocator, bytes: 4 * 4096)
        #expect(allocator.init_heap(area: region.start.advanced(by: 8), size: 4096) == nil)
        #expect(allocator.init_heap(area: region.start, size: 100) == nil)
        #expect(allocator.init_heap(area: region.start, size: 0) == nil)
        #expect(allocator.init_heap(area: region.start, size: 5 * 4096) == nil, "runs past the region")
        #expect(allocator.init_heap(area: EffectiveAddress(0x1000), size: 4096) == nil, "not galloc memory")
        let heap = try #require(allocator.init_heap(area: region.start, size: 2 * 4096))
        #expect(heap == .private(1))
        #expect(allocator.heap(atArea: region.start) == heap)
        #expect(allocator.init_heap(area: region.start.advanced(by: 4096), size: 4096) == nil, "overlaps")
        #expect(allocator.init_heap(area: region.start.advanced(by: 2 * 4096), size: 2 * 4096) == .private(2))
    }

    @Test("init_heap accepts an area inside another heap: pages that heap handed out")
    func heapInsideHeap() throws {
        let allocator = makeAllocator()
        let region = try area(allocator, bytes: 8 * 4096)
        let outer = try #require(allocator.init_heap(area: region.start, size: 8 * 4096))
        _ = try #require(allocator.alloc(4096, align: 12, heap: outer))
        let taken = try #require(allocator.alloc(2 * 4096, align: 12, heap: outer))
        let inner = try #require(allocator.init_heap(area: taken, size: 2 * 4096))
        #expect(inner != outer)
        #expect(allocator.alloc(100, heap: inner).map { $0 >= taken && $0 < taken.advanced(by: 2 * 4096) } == true)
        #expect(allocator.init_heap(area: taken.advanced(by: 2 * 4096), size: 4096) == nil,
                "free pages of the outer heap are not the caller's")
        let kernelPages = try #require(allocator.alloc(4 * 4096, align: 12, heap: .kernel))
        #expect(allocator.init_heap(area: kernelPages, size: 4 * 4096) != nil, "pages taken from kernel_heap")
    }

    // MARK: - Never growing

    @Test("A private heap carves only its area and never takes galloc memory")
    func neverGrows() throws {
        let allocator = makeAllocator()
        let region = try area(allocator, bytes: 4 * 4096)
        let heap = try #require(allocator.init_heap(area: region.start, size: 4 * 4096))
        let regionsBefore = allocator.galloc.liveRegions
        var got: [EffectiveAddress] = []
        while let ea = allocator.alloc(1000, heap: heap) { got.append(ea) }
        // Four one-page chunks of 1024-byte blocks.
        #expect(got.count == 16)
        #expect(got.allSatisfy { region.contains($0) })
        #expect(allocator.galloc.liveRegions == regionsBefore)
        #expect(allocator.alloc(16, heap: heap) == nil)
        #expect(allocator.statistics(of: heap)?.failures == 2)
        // The kernel heap is unaffected.
        #expect(allocator.alloc(1000) != nil)
    }

    @Test("Whole-page allocations take runs of the area and give them back at xmfree")
    func pagesFromArea() throws {
        let allocator = makeAllocator()
        let region = try area(allocator, bytes: 8 * 4096)
        let heap = try #require(allocator.init_heap(area: region.start, size: 8 * 4096))
        let a = try #require(allocator.alloc(3 * 4096, heap: heap))
        let b = try #require(allocator.alloc(5 * 4096, heap: heap))
        #expect(a == region.start && b == region.start.advanced(by: 3 * 4096))
        #expect(allocator.alloc(1, heap: heap) == nil)
        #expect(allocator.free(a, heap: heap) == 0)
        let c = try #require(allocator.alloc(2 * 4096 + 1, heap: heap))
        #expect(c == region.start)
        #expect(allocator.record(at: c)?.region == region, "the record names the area's galloc region")
        #expect(allocator.snapshot(of: heap)?.area == region.start..<region.end)
    }

    @Test("A private heap never grows even with guard pages at full frequency")
    func noGuardPagesInPrivateHeaps() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(guardPagesPer1024: 1024))
        let region = try area(allocator, bytes: 4096)
        let heap = try #require(allocator.init_heap(area: region.start, size: 4096))
        let ea = try #require(allocator.alloc(64, heap: heap))
        #expect(allocator.record(at: ea)?.debug.contains(.guardPages) == false)
        #expect(allocator.xmallocRegions.isEmpty)
    }

    @Test("Freeing memory of one private heap to another is a wrong-heap finding")
    func wrongPrivateHeap() throws {
        let allocator = makeAllocator()
        let region = try area(allocator, bytes: 2 * 4096)
        let one = try #require(allocator.init_heap(area: region.start, size: 4096))
        let two = try #require(allocator.init_heap(area: region.start.advanced(by: 4096), size: 4096))
        let ea = try #require(allocator.alloc(32, heap: one))
        #expect(allocator.free(ea, heap: two) == -1)
        #expect(allocator.findings.last?.kind == .wrongHeap(actual: one))
        #expect(allocator.free(ea, heap: one) == 0)
    }

    @Test("Once its area's galloc region is freed, a private heap fails instead of touching it")
    func areaFreedUnderHeap() throws {
        let allocator = makeAllocator(debug: XmallocDebugConfiguration(freeFillPer1024: 1024, trailersPer1024: 1024))
        let region = try area(allocator, bytes: 4096)
        let heap = try #require(allocator.init_heap(area: region.start, size: 4096))
        let ea = try #require(allocator.alloc(100, heap: heap))
        _ = allocator.galloc.free(start: region.start, size: Int64(region.size))
        #expect(allocator.alloc(100, heap: heap) == nil)
        // The free is still booked; its checks skip the memory that is gone (no host fault).
        #expect(allocator.free(ea, heap: heap) == 0)
        #expect(allocator.findings.isEmpty)
    }
}
