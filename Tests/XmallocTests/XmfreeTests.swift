import PowerArch
import Testing
import VMM
@testable import Xmalloc

@Suite("xmfree: return values and findings")
struct XmfreeTests {
    // MARK: - Return values

    @Test("Freeing a live allocation returns 0 and forgets it", arguments: [8, 3000])
    func freeLive(size: Int) throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(size))
        #expect(allocator.free(ea) == 0)
        #expect(allocator.record(at: ea) == nil)
        #expect(allocator.findings.isEmpty)
    }

    @Test("A second free of the same pointer returns -1 and is a double free")
    func doubleFree() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(40))
        let keep = try #require(allocator.alloc(40))
        #expect(allocator.free(ea) == 0)
        #expect(allocator.free(ea, caller: kextB) == -1)
        let finding = try #require(allocator.findings.last)
        #expect(finding.kind == .doubleFree)
        #expect(finding.record?.address == ea && finding.record?.caller == kextA)
        #expect(finding.call == kextB)
        #expect(finding.region != nil && finding.page == PageSizeFacts.page(of: ea))
        #expect(allocator.record(at: keep) != nil)
    }

    @Test("A double free of a whole-page allocation still names its (now freed) galloc region")
    func doubleFreeLarge() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(9000))
        let region = try #require(allocator.record(at: ea)?.region)
        #expect(allocator.free(ea) == 0)
        #expect(allocator.free(ea) == -1)
        #expect(allocator.findings.last?.kind == .doubleFree)
        #expect(allocator.findings.last?.region == region)
    }

    @Test("Freeing a pointer xmalloc never returned gives -1 and changes nothing")
    func neverReturned() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(100))
        let before = allocator.snapshot(of: .kernel)
        let interior = ea.advanced(by: 8)
        #expect(allocator.free(interior) == -1)
        #expect(allocator.free(EffectiveAddress(0x1234)) == -1)
        #expect(allocator.findings.map(\.kind) == [.freeOfUnallocated, .freeOfUnallocated])
        // The interior pointer is blamed on the allocation it points into, with its region.
        #expect(allocator.findings[0].record?.address == ea)
        #expect(allocator.findings[0].region == allocator.record(at: ea)?.region)
        #expect(allocator.findings[1].record == nil && allocator.findings[1].region == nil)
        let after = allocator.snapshot(of: .kernel)
        #expect(after?.liveRecords == before?.liveRecords && after?.buckets == before?.buckets)
        #expect(after?.statistics.rejectedFrees == 2)
    }

    @Test("Freeing to the wrong heap gives -1, names the right heap, and leaves the allocation live")
    func wrongHeap() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(64, heap: .pinned))
        #expect(allocator.free(ea, heap: .kernel) == -1)
        let finding = try #require(allocator.findings.last)
        #expect(finding.kind == .wrongHeap(actual: .pinned))
        #expect(finding.heap == .kernel && finding.record?.heap == .pinned)
        #expect(finding.region?.owner == .xmalloc(.pinned))
        #expect(allocator.free(ea, heap: .pinned) == 0)
    }

    @Test("Freeing to an uninitialised heap gives -1")
    func uninitialised() throws {
        let allocator = makeAllocator()
        let ea = try #require(allocator.alloc(64))
        #expect(allocator.free(ea, heap: .private(3)) == -1)
        #expect(allocator.findings.last?.kind == .uninitialisedHeap)
        #expect(allocator.record(at: ea) != nil)
    }

    @Test("Findings reach the report hook as they happen, and takeFindings empties the log")
    func reportHook() throws {
        final class Box { var seen: [XmallocFindingKind] = [] }
        let box = Box()
        let allocator = makeAllocator(hooks: XmallocHooks(report: { box.seen.append($0.kind) }))
        #expect(allocator.free(EffectiveAddress(0x10)) == -1)
        #expect(box.seen == [.freeOfUnallocated])
        #expect(allocator.takeFindings().count == 1)
        #expect(allocator.findings.isEmpty)
    }

    // MARK: - Pinned kernel_heap memory

    @Test("Freeing kernel_heap memory the VMM says is pinned is a finding; the free still happens")
    func stillPinned() throws {
        let allocator = makeAllocator(hooks: XmallocHooks(isPinned: { _, size in size == 256 }))
        let pinned = try #require(allocator.alloc(256))
        let unpinned = try #require(allocator.alloc(128))
        #expect(allocator.free(pinned) == 0)
        #expect(allocator.free(unpinned) == 0)
        #expect(allocator.findings.map(\.kind) == [.freeOfPinnedMemory])
        #expect(allocator.findings.first?.record?.address == pinned)
        #expect(allocator.findings.first?.region != nil)
    }
}
