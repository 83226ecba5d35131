import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("xmalloc over galloc: growing, giving back, exhaustion")
struct GallocLayeringTests {
    // MARK: - Growing

    @Test("A size class grows by one 64 KB galloc region tagged with the heap's owner")
    func chunkIsOneRegion() throws {
        let allocator = makeAllocator()
        _ = try #require(allocator.alloc(32))
        #expect(allocator.xmallocRegions.map(\.size) == [64 << 10])
        #expect(allocator.xmallocRegions.first?.owner == .xmalloc(.kernel))
        #expect(allocator.xmallocRegions.first?.flags == XmallocAllocator.gallocFlags)
        // 2048 blocks of 32 bytes fit the chunk: the 2049th needs a second one.
        for _ in 1..<2048 { _ = try #require(allocator.alloc(32)) }
        #expect(allocator.xmallocRegions.count == 1)
        _ = try #require(allocator.alloc(32))
        #expect(allocator.xmallocRegions.count == 2)
    }

    @Test("Owner tags map back to their heaps")
    func ownerTags() {
        for kind in [HeapKind.kernel, .pinned, .private(1), .private(9)] {
            #expect(RegionOwner.xmalloc(kind).xmallocHeap == kind)
            #expect(RegionOwner.xmalloc(kind).rawValue < 0)
        }
        #expect(RegionOwner(rawValue: 0).xmallocHeap == nil)
        #expect(RegionOwner(rawValue: 5).xmallocHeap == nil)
    }

    // MARK: - Giving back

    @Test("A whole-page allocation's region goes back to galloc at xmfree")
    func largeReturnedAtFree() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(20000))
        let region = try #require(allocator.record(at: ea)?.region)
        #expect(allocator.galloc.liveRegions.contains(region))
        #expect(allocator.free(ea) == 0)
        #expect(!allocator.galloc.liveRegions.contains(region))
    }

    @Test("An empty chunk stays as the class's spare; a second empty chunk goes back")
    func oneSparePerClass() throws {
        let allocator = makeAllocator()
        // Two chunks of 2048-byte blocks (32 each).
        var blocks: [EffectiveAddress] = []
        for _ in 0..<64 { blocks.append(try #require(allocator.alloc(2048))) }
        #expect(allocator.xmallocRegions.count == 2)
        for ea in blocks[32...] { #expect(allocator.free(ea) == 0) }
        #expect(allocator.xmallocRegions.count == 2, "the only empty chunk is kept")
        for ea in blocks[..<32] { #expect(allocator.free(ea) == 0) }
        #expect(allocator.xmallocRegions.count == 1, "the second empty chunk goes back")
        #expect(allocator.snapshot(of: .kernel)?.statistics.regionsReturned == 1)
    }

    // MARK: - Exhaustion

    @Test("When galloc is exhausted xmalloc returns NULL, and succeeds again after frees")
    func exhaustionAndRecovery() throws {
        let allocator = makeAllocator(gallocBytes: 1 << 20)
        var large: [EffectiveAddress] = []
        while let ea = allocator.alloc(3 * 4096) { large.append(ea) }
        #expect(!large.isEmpty)
        #expect(allocator.alloc(3 * 4096) == nil)
        #expect(allocator.alloc(16) == nil, "no room for a new 64 KB chunk either")
        // The call that ended the loop, and the two above.
        #expect(allocator.statistics(of: .kernel)?.failures == 3)
        // Give back enough for one chunk (17 pages with its guard page) and one 3-page block (4).
        for ea in large.prefix(6) { #expect(allocator.free(ea) == 0) }
        let small = try #require(allocator.alloc(16))
        #expect(allocator.record(at: small) != nil)
        #expect(allocator.alloc(3 * 4096) != nil)
    }

    @Test("Exhaustion reclaims empty spare chunks of other classes before failing")
    func reclaimSpares() throws {
        let allocator = makeAllocator(gallocBytes: 1 << 20)
        // Fill galloc with 64 KB chunks of distinct classes, leaving each one empty as a spare.
        var spares = 0
        for size in SizeClass.blockSizes {
            guard let ea = allocator.alloc(size) else { break }
            #expect(allocator.free(ea) == 0)
            spares += 1
        }
        var large: [EffectiveAddress] = []
        while let ea = allocator.alloc(4 * 4096) { large.append(ea) }
        // Every spare chunk was given back to make room for the large allocations.
        #expect(allocator.snapshot(of: .kernel)?.buckets.allSatisfy { $0.chunks.isEmpty } == true)
        #expect(spares > 0 && large.count > 0)
    }

    @Test("Running out of paging space (ENOMEM) is handled like running out of range (ENOSPC)")
    func pagingSpaceExhaustion() throws {
        let galloc = VirtualMemoryManager(bytes: 8 << 20, pagingSpaceBytes: 64 << 10)!
        let allocator = XmallocAllocator(galloc: galloc)
        let ea = try #require(allocator.alloc(60 << 10))
        #expect(allocator.alloc(8 << 10) == nil)
        #expect(allocator.free(ea) == 0)
        #expect(allocator.alloc(8 << 10) != nil)
    }

    // MARK: - Fault injection

    @Test("The fault-injection hook fails exactly the call it chooses")
    func injectedFailure() throws {
        final class Counter { var calls = 0 }
        let counter = Counter()
        let allocator = makeAllocator(hooks: XmallocHooks(shouldFail: {
            counter.calls += 1
            return counter.calls == 3
        }))
        #expect(allocator.alloc(16) != nil)
        #expect(allocator.alloc(16) != nil)
        #expect(allocator.alloc(16) == nil)
        #expect(allocator.alloc(16) != nil)
        #expect(allocator.statistics(of: .kernel)?.injectedFailures == 1)
        #expect(allocator.statistics(of: .kernel)?.failures == 1)
        // Calls AIX rejects anyway do not consume an injection.
        #expect(allocator.alloc(0) == nil)
        #expect(counter.calls == 4)
    }
}
