import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("xmalloc introspection: statistics, heap maps, records")
struct XmallocIntrospectionTests {
    @Test("Statistics count allocations, frees, failures, live and peak bytes")
    func statistics() throws {
        let allocator = makeAllocator()
        let a = try #require(allocator.alloc(100))
        let b = try #require(allocator.alloc(5000))
        #expect(allocator.free(a) == 0)
        _ = allocator.alloc(-1)
        _ = allocator.free(a)
        let stats = try #require(allocator.statistics(of: .kernel))
        #expect(stats.allocations == 2 && stats.frees == 1)
        #expect(stats.failures == 1 && stats.rejectedFrees == 1)
        #expect(stats.liveAllocations == 1 && stats.bytesLive == 5000 && stats.peakBytesLive == 5100)
        #expect(stats.bytesHeld == (64 << 10) + 8192)
        #expect(stats.regionsTaken == 2 && stats.regionsReturned == 0)
        #expect(allocator.record(at: b)?.size == 5000)
        #expect(allocator.statistics(of: .pinned) == XmallocStatistics())
    }

    @Test("A heap snapshot shows its regions, bucket use per class and free-list lengths")
    func snapshot() throws {
        let allocator = makeAllocator()
        for _ in 0..<3 { _ = try #require(allocator.alloc(20)) }
        let big = try #require(allocator.alloc(10000))
        let snap = try #require(allocator.snapshot(of: .kernel))
        #expect(snap.buckets.map(\.blockSize) == SizeClass.blockSizes)
        let class32 = try #require(snap.buckets.first { $0.blockSize == 32 })
        #expect(class32.chunks.count == 1)
        #expect(class32.liveBlocks == 3 && class32.freeBlocks == 2048 - 3)
        #expect(class32.chunks.first?.freeListLength == 2045)
        #expect(snap.regions.count == 2)
        #expect(snap.regions.allSatisfy { $0.owner == .xmalloc(.kernel) })
        #expect(Set(snap.regions) == Set(allocator.xmallocRegions))
        #expect(snap.pageAllocations == 1 && snap.liveRecords.last?.address == big)
        #expect(allocator.heapKinds == [.kernel, .pinned])
    }

    @Test("Live records name heap, size, alignment, caller, sequence, region and pages")
    func records() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(300, align: 5, heap: .pinned, caller: kextB))
        let record = try #require(allocator.record(at: ea))
        #expect(record.heap == .pinned && record.size == 300 && record.alignment.bytes == 32)
        #expect(record.caller == kextB && record.owner == kextB.owner && record.sequence == 1)
        #expect(record.region?.contains(ea) == true)
        #expect(record.pages == PageSizeFacts.page(of: ea)..<PageSizeFacts.page(of: ea).advanced(by: 4096))
    }

    @Test("Leaks are grouped by owner, and can be taken since a mark")
    func leaks() throws {
        let allocator = makeAllocator()
        let a1 = try #require(allocator.alloc(10, caller: kextA))
        let mark = allocator.nextSequenceNumber
        let b1 = try #require(allocator.alloc(20, heap: .pinned, caller: kextB))
        let a2 = try #require(allocator.alloc(30, caller: kextA))
        let byOwner = allocator.leaksByOwner()
        #expect(byOwner[kextA.owner]?.map(\.address) == [a1, a2])
        #expect(byOwner[kextB.owner]?.map(\.address) == [b1])
        #expect(allocator.liveRecords(since: mark).map(\.address) == [b1, a2])
        #expect(allocator.free(a1) == 0)
        #expect(allocator.liveRecords(ownedBy: kextA.owner).map(\.address) == [a2])
    }
}
