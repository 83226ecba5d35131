import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("pinned_heap: pinning through the caller's hook")
struct PinnedHeapTests {
    final class PinLog {
        var pinned: [GallocRegion] = []
        var unpinned: [GallocRegion] = []
        var refuse = false
    }

    func allocator(_ log: PinLog, gallocBytes: UInt64 = 64 << 20) -> XmallocAllocator {
        makeAllocator(gallocBytes: gallocBytes, hooks: XmallocHooks(
            pin: { region in
                if log.refuse { return false }
                log.pinned.append(region)
                return true
            },
            unpin: { log.unpinned.append($0) }))
    }

    @Test("Every region pinned_heap takes is pinned before xmalloc returns memory in it")
    func pinsBeforeReturning() throws {
        let log = PinLog()
        let allocator = allocator(log)
        let small = try #require(allocator.alloc(100, heap: .pinned))
        let large = try #require(allocator.alloc(9000, heap: .pinned))
        #expect(log.pinned.count == 2)
        #expect(log.pinned.contains { $0.contains(small) })
        #expect(log.pinned.contains { $0.contains(large) })
        // A second block in the same chunk needs no new pin.
        _ = try #require(allocator.alloc(100, heap: .pinned))
        #expect(log.pinned.count == 2)
    }

    @Test("kernel_heap never calls the pin hook")
    func kernelHeapIsPageable() throws {
        let log = PinLog()
        let allocator = allocator(log)
        _ = try #require(allocator.alloc(100))
        _ = try #require(allocator.alloc(9000))
        #expect(log.pinned.isEmpty)
    }

    @Test("A refused pin fails the xmalloc cleanly: NULL, and the region goes back")
    func pinFailure() throws {
        let log = PinLog()
        log.refuse = true
        let allocator = allocator(log)
        #expect(allocator.alloc(100, heap: .pinned) == nil)
        #expect(allocator.alloc(9000, heap: .pinned) == nil)
        #expect(allocator.galloc.liveRegions.isEmpty)
        #expect(allocator.statistics(of: .pinned)?.failures == 2)
        #expect(allocator.statistics(of: .pinned)?.bytesHeld == 0)
        log.refuse = false
        #expect(allocator.alloc(100, heap: .pinned) != nil)
    }

    @Test("A pinned region is unpinned before it goes back to galloc")
    func unpinsOnRelease() throws {
        let log = PinLog()
        let allocator = allocator(log)
        let ea = try #require(allocator.alloc(9000, heap: .pinned))
        let region = try #require(allocator.record(at: ea)?.region)
        #expect(allocator.free(ea, heap: .pinned) == 0)
        #expect(log.unpinned == [region])
    }
}
