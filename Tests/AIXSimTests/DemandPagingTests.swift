import CFaultGuard
import Glibc
import PowerArch
import Testing
@testable import VMM

/// The VMM on the software MMU: segments, demand zero-fill, exact R/C, the clock and paging
/// space, pinning and accesses in problem state. These touch heap memory from Swift, which the
/// process-wide fault handler resolves through the page-state table, so they are serialized.
@Suite("VMM: segments, demand paging and R/C", .serialized)
struct DemandPagingTests {
    let owner = RegionOwner(rawValue: 0)

    func heap(_ bytes: UInt64 = 64 << 20, real: UInt64? = nil, paging: UInt64? = nil) -> VirtualMemoryManager {
        VirtualMemoryManager(bytes: bytes, pagingSpaceBytes: paging ?? bytes, realMemoryBytes: real)!
    }

    func region(_ heap: VirtualMemoryManager, pages: Int, flags: GallocFlags = .working) throws -> GallocRegion {
        try heap.allocate(flags: flags, size: Int64(pages) * 4096, owner: owner).get()
    }

    func host(_ heap: VirtualMemoryManager, _ ea: EffectiveAddress) -> UnsafeMutablePointer<UInt8> {
        heap.map.hostPointer(from: ea)!.assumingMemoryBound(to: UInt8.self)
    }

    func pte(_ heap: VirtualMemoryManager, _ ea: EffectiveAddress) -> PageTableEntry? {
        guard let segment = heap.segments.entry(for: ea) else { return nil }
        return heap.translator.pageTable.lookup(segment.virtualAddress(of: ea))?.entry
    }

    // MARK: - Segments

    @Test("Every heap segment is in the SLB with Ks = 0 and Kp = 1 and its own VSID")
    func segments() throws {
        let h = heap(1 << 30)
        #expect(h.segments.count == 4)
        for (i, entry) in h.segments.entries.enumerated() {
            #expect(entry.flags.contains(.kp) && !entry.flags.contains(.ks))
            #expect(entry.vsid == GlobalSegments.firstVSID + UInt64(i))
            let ea = EffectiveAddress(entry.esid << Segment.shift)
            #expect(h.translator.slb.lookup(ea)?.entry == entry)
            #expect(entry.key(for: .supervisor) == .key0 && entry.key(for: .problem) == .key1)
        }
        #expect(h.segments.firstESID == 0xF_1000_0004)
    }

    @Test("A heap larger than the SLB reloads segments on a segment miss")
    func segmentReload() throws {
        let h = heap(80 << 28)
        #expect(h.segments.count == 80)
        let last = h.map.eaBase.advanced(by: 79 << 28)
        #expect(h.translator.slb.lookup(last) == nil)
        let r = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        _ = r
        // Any address of the 80th segment translates once the kernel reloads its SLB entry.
        if case .failure(let i) = h.translate(last, access: .load, state: .supervisor) {
            #expect(i.dsisr?.contains(.noTranslation) == true, "only the page is missing, not the segment")
        }
        #expect(h.translator.slb.lookup(last) != nil)
    }

    // MARK: - Demand zero-fill

    @Test("vm_galloc gives a page neither a frame nor a PTE; the first touch gives both")
    func zeroFillOnFirstTouch() throws {
        let h = heap()
        let r = try region(h, pages: 4)
        #expect(h.pageStates(of: r).allSatisfy { $0.residency == .zeroFill })
        #expect(h.pagingStatistics.frames_used == 0)
        #expect(pte(h, r.start) == nil)
        #expect(host(h, r.start.advanced(by: 100)).pointee == 0, "zero-filled")
        h.drainPageEvents()
        #expect(h.pageState(at: r.start).residency == .resident)
        #expect(h.pagingStatistics.frames_used == 1)
        let entry = try #require(pte(h, r.start))
        #expect(entry.realPageAddress == h.frameAddress(at: r.start))
        #expect(h.pageStates(of: r)[1...].allSatisfy { $0.residency == .zeroFill }, "other pages stay untouched")
        #expect(h.faultsByRegion[r.sequence]?.zeroFills == 1)
    }

    @Test("A first load sets R only; the first store then sets C")
    func referenceThenChange() throws {
        let h = heap()
        let r = try region(h, pages: 1)
        let p = host(h, r.start)
        #expect(p.pointee == 0)
        h.drainPageEvents()
        var e = try #require(pte(h, r.start))
        #expect(e.isReferenced && !e.isChanged)
        #expect(h.pageState(at: r.start).referenced && !h.pageState(at: r.start).changed)
        p.pointee = 7
        h.drainPageEvents()
        e = try #require(pte(h, r.start))
        #expect(e.isReferenced && e.isChanged)
        #expect(h.faultsByRegion[r.sequence] == {
            var c = PageFaultCounts(); c.zeroFills = 1; c.changeFaults = 1; return c }())
    }

    @Test("A first touch that is a store sets R and C at once")
    func firstStore() throws {
        let h = heap()
        let r = try region(h, pages: 1)
        host(h, r.start).pointee = 1
        h.drainPageEvents()
        let e = try #require(pte(h, r.start))
        #expect(e.isReferenced && e.isChanged)
        #expect(h.faultsByRegion[r.sequence]?.changeFaults == 0)
    }

    @Test("Region pages carry PP 00, or 01 with V_UREAD, and V_NOEXEC sets N")
    func pageProtection() throws {
        let h = heap()
        let plain = try region(h, pages: 1)
        let uread = try region(h, pages: 1, flags: [.working, .userReadable])
        let noexec = try region(h, pages: 1, flags: [.working, .noExecute])
        for r in [plain, uread, noexec] { host(h, r.start).pointee = 1 }
        h.drainPageEvents()
        #expect(try #require(pte(h, plain.start)).protection == .noAccessForKey1)
        #expect(try #require(pte(h, uread.start)).protection == .readOnlyForKey1)
        #expect(try #require(pte(h, noexec.start)).isNoExecute)
        #expect(!(try #require(pte(h, plain.start)).isNoExecute))
    }

    @Test("vm_gfree drops the PTEs, returns the frames and leaves the pages unallocated")
    func freeDropsEverything() throws {
        let h = heap()
        let r = try region(h, pages: 3)
        for i in 0..<3 { host(h, r.start.advanced(by: UInt64(i) * 4096)).pointee = 9 }
        h.drainPageEvents()
        #expect(h.pagingStatistics.frames_used == 3)
        _ = h.free(start: r.start, size: Int64(r.size))
        #expect(h.pagingStatistics.frames_used == 0)
        #expect(h.pageStates(of: r).allSatisfy { $0.residency == .unallocated })
        #expect(pte(h, r.start) == nil)
        #expect(h.translator.pageTable.validEntries.isEmpty)
    }

    // MARK: - Paging

    @Test("Under a real-memory bound the clock pages out and the next touch pages in, contents intact")
    func pagingRoundTrip() throws {
        let h = heap(real: 4 * 4096)
        let r = try region(h, pages: 12)
        for i in 0..<12 {
            let p = host(h, r.start.advanced(by: UInt64(i) * 4096))
            p.pointee = UInt8(i + 1)
            p.advanced(by: 4095).pointee = UInt8(100 + i)
            #expect(h.pagingStatistics.frames_used <= 4)
        }
        h.drainPageEvents()
        #expect(h.pageStates(of: r).filter { $0.residency == .pagedOut }.count == 8)
        for i in 0..<12 {
            let p = host(h, r.start.advanced(by: UInt64(i) * 4096))
            #expect(p.pointee == UInt8(i + 1) && p.advanced(by: 4095).pointee == UInt8(100 + i))
        }
        h.drainPageEvents()
        let counts = try #require(h.faultsByRegion[r.sequence])
        #expect(counts.zeroFills == 12)
        #expect(counts.pageIns >= 8 && counts.pageOuts >= 16)
        #expect(h.translator.pageTable.validEntries.count == 4, "only resident pages have PTEs")
        // A paged-out page keeps its C bit: it was changed, and its copy is in paging space.
        #expect(h.pageStates(of: r).allSatisfy { $0.changed })
    }

    @Test("The clock gives recently referenced pages a second chance")
    func secondChance() throws {
        let h = heap(real: 3 * 4096)
        let r = try region(h, pages: 4)
        let page = { (i: Int) in self.host(h, r.start.advanced(by: UInt64(i) * 4096)) }
        page(0).pointee = 1; page(1).pointee = 1; page(2).pointee = 1
        // The first steal clears R on all three and takes page 0; page 1 is touched again, so
        // the next steal passes it and takes page 2.
        page(3).pointee = 1
        #expect(h.pageState(at: r.start).residency == .pagedOut)
        page(1).pointee = 2
        #expect(page(0).pointee == 1)
        h.drainPageEvents()
        #expect(h.pageStates(of: r).map(\.residency) == [.resident, .resident, .pagedOut, .resident])
    }

    @Test("Pinned pages are never stolen")
    func pinnedNeverStolen() throws {
        let h = heap(real: 4 * 4096)
        let r = try region(h, pages: 10)
        #expect(h.pin(r.start, length: 2 * 4096, kind: .shortTerm) == nil)
        #expect(h.pageStates(of: r)[0..<2].allSatisfy { $0.residency == .resident && $0.pinned },
                "pin brings the pages in")
        let frames = [h.frameAddress(at: r.start), h.frameAddress(at: r.start.advanced(by: 4096))]
        for round in 0..<3 {
            for i in 2..<10 {
                host(h, r.start.advanced(by: UInt64(i) * 4096)).pointee = UInt8(round)
                #expect(h.pageState(at: r.start).residency == .resident)
                #expect(h.pageState(at: r.start.advanced(by: 4096)).residency == .resident)
            }
        }
        #expect([h.frameAddress(at: r.start), h.frameAddress(at: r.start.advanced(by: 4096))] == frames)
        #expect(h.unpin(r.start, length: 2 * 4096, kind: .shortTerm) == nil)
        #expect(!h.pageState(at: r.start).pinned)
    }

    @Test("pin is ENOMEM, and pins nothing, when real memory cannot hold the pages")
    func pinBeyondRealMemory() throws {
        let h = heap(real: 2 * 4096)
        let r = try region(h, pages: 3)
        #expect(h.pin(r.start, length: 3 * 4096, kind: .shortTerm) == .noMemory)
        #expect(h.pinnedPages(of: r).isEmpty)
        #expect(h.pageStates(of: r).allSatisfy { !$0.pinned })
    }

    @Test("A touch that needs a frame when every frame is pinned cannot be satisfied")
    func allFramesPinned() throws {
        let h = heap(real: 2 * 4096)
        let r = try region(h, pages: 3)
        #expect(h.pin(r.start, length: 2 * 4096, kind: .longTerm) == nil)
        let third = r.start.advanced(by: 2 * 4096)
        let result = h.translate(third, access: .load, state: .supervisor)
        #expect(result.failureDSISR == .noTranslation)
        #expect(h.takePagingFailure()?.reason == .realMemoryExhausted)
        #expect(h.pageState(at: third).residency == .zeroFill)
    }

    @Test("vm_galloc is ENOMEM once the paging space is spoken for, whatever the real memory")
    func pagingSpaceBoundsAllocation() throws {
        let h = heap(real: 2 * 4096, paging: 8 * 4096)
        _ = try region(h, pages: 8)
        #expect(h.allocate(flags: .working, size: 4096, owner: owner) == .failure(.noMemory))
    }

    @Test("A failed host protection change is reported, not retried forever")
    func hostProtectionFailure() throws {
        let h = heap()
        let r = try region(h, pages: 1)
        h.injectHostProtectionFailure(count: 1, errno: ENOMEM)
        var fault = aixsim_fault()
        let faulted = aixsim_guarded_store_ulong(
            h.map.hostPointer(from: r.start)!.assumingMemoryBound(to: UInt.self), 5, &fault)
        #expect(faulted == 1, "the guarded store ends in a fault instead of looping")
        #expect(h.takePagingFailure()?.reason == .hostProtection(errno: ENOMEM))
        #expect(h.pageState(at: r.start).residency == .zeroFill)
        #expect(h.pagingStatistics.frames_used == 0, "the frame taken for the page went back")
        host(h, r.start).pointee = 1
        #expect(h.pageState(at: r.start).residency == .resident, "the next touch works")
    }

    // MARK: - Problem state

    @Test("A user load of a PP 00 page is a protection DSI")
    func userReadPP00() throws {
        let h = heap()
        let r = try region(h, pages: 1)
        #expect(h.load(r.start, count: 8, state: .problem).failureDSISR == .protection)
        #expect(try h.load(r.start, count: 8, state: .supervisor).get() == [UInt8](repeating: 0, count: 8))
    }

    @Test("V_UREAD lets a user load but a user store is a protection DSI with the store bit")
    func userReadPP01() throws {
        let h = heap()
        let r = try region(h, pages: 2, flags: [.working, .userReadable])
        #expect(h.store([1, 2, 3], at: r.start.advanced(by: 4094), state: .supervisor) == nil)
        #expect(try h.load(r.start.advanced(by: 4094), count: 3, state: .problem).get() == [1, 2, 3])
        let refused = h.store([9], at: r.start, state: .problem)
        #expect(refused?.dsisr == [.protection, .store])
        #expect(refused?.dsisr?.rawValue == 0x0A00_0000)
        #expect(host(h, r.start).pointee == 0, "the refused store changed nothing")
    }

    @Test("A user load sets R but not C; a refused user store leaves C clear")
    func userAccessRC() throws {
        let h = heap()
        let r = try region(h, pages: 1, flags: [.working, .userReadable])
        _ = h.load(r.start, count: 1, state: .problem)
        _ = h.store([1], at: r.start, state: .problem)
        let e = try #require(pte(h, r.start))
        #expect(e.isReferenced && !e.isChanged)
        #expect(!h.pageState(at: r.start).changed)
    }

    @Test("Addresses no region covers are DSIs with no translation, for user and kernel alike")
    func unallocated() throws {
        let h = heap()
        let r = try region(h, pages: 1)
        let guardPage = r.end
        #expect(h.load(guardPage, count: 1, state: .supervisor).failureDSISR == .noTranslation)
        #expect(h.store([1], at: guardPage, state: .problem)?.dsisr == [.noTranslation, .store])
    }
}

extension Result where Failure == StorageInterrupt {
    var failureDSISR: DSISR? {
        if case .failure(let i) = self { return i.dsisr }
        return nil
    }
}

@Suite("VMM: the event ring", .serialized)
struct PageEventRingTests {
    @Test("When the handler's ring overflows, the page table is rebuilt from the page-state table")
    func overflowResync() throws {
        let h = VirtualMemoryManager(bytes: 64 << 20, pagingSpaceBytes: 64 << 20)!
        let pages = 9000   // more events than the ring holds (8192)
        let r = try h.allocate(flags: .working, size: Int64(pages) * 4096, owner: RegionOwner(rawValue: 0)).get()
        for i in 0..<pages {
            h.map.hostPointer(from: r.start.advanced(by: UInt64(i) * 4096))!.storeBytes(of: 1, as: UInt8.self)
        }
        let counts = h.drainPageEvents()
        #expect(counts.zeroFills == 8192, "the lost events are not counted")
        #expect(h.translator.pageTable.validEntries.count == pages, "but every page has its PTE")
        #expect(h.translator.pageTable.validEntries.allSatisfy { $0.entry.isReferenced && $0.entry.isChanged })
    }
}

/// vm_guatt's attachments as the simulated user process sees them.
@Suite("VMM: user attachments (vm_guatt)", .serialized)
struct UserAttachmentTests {
    let owner = RegionOwner(rawValue: 0)

    @Test("VM_PRIV lets the process read and write a PP 00 region through its own segment")
    func privileged() throws {
        let h = VirtualMemoryManager(bytes: 64 << 20, pagingSpaceBytes: 64 << 20)!
        let r = try h.allocate(flags: .working, size: 8192, owner: owner).get()
        let user = try h.attachToUser(r.start, size: 8192, key: .privileged).get()
        #expect(user.esid == UserAttachment.firstUserESID)
        #expect(user.segmentOffset == r.start.segmentOffset)
        #expect(h.store([5, 6], at: user.advanced(by: 4100), state: .problem) == nil)
        #expect(try h.load(r.start.advanced(by: 4100), count: 2, state: .supervisor).get() == [5, 6],
                "one page, two addresses: the segments share the VSID")
        let segment = try #require(h.translator.slb.lookup(user)?.entry)
        #expect(!segment.flags.contains(.ks) && !segment.flags.contains(.kp))
        #expect(segment.vsid == h.segments.entry(for: r.start)?.vsid)
    }

    @Test("VM_UNPRIV: a V_UREAD region reads but refuses stores; a PP 00 region refuses reads")
    func unprivileged() throws {
        let h = VirtualMemoryManager(bytes: 64 << 20, pagingSpaceBytes: 64 << 20)!
        let uread = try h.allocate(flags: [.working, .userReadable], size: 4096, owner: owner).get()
        let plain = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        #expect(h.store([7], at: uread.start, state: .supervisor) == nil)
        let u1 = try h.attachToUser(uread.start, size: 4096, key: .unprivileged).get()
        let u2 = try h.attachToUser(plain.start, size: 4096, key: .unprivileged).get()
        #expect(u1.esid != u2.esid)
        #expect(try h.load(u1, count: 1, state: .problem).get() == [7])
        #expect(h.store([1], at: u1, state: .problem)?.dsisr == [.protection, .store])
        #expect(h.load(u2, count: 1, state: .problem).failureDSISR == .protection)
    }

    @Test("Outside the attached range, after vm_gudet and after vm_gfree, the process reaches nothing")
    func boundaries() throws {
        let h = VirtualMemoryManager(bytes: 64 << 20, pagingSpaceBytes: 64 << 20)!
        let r = try h.allocate(flags: .working, size: 8192, owner: owner).get()
        let user = try h.attachToUser(r.start, size: 4096, key: .privileged).get()
        #expect(h.load(user.advanced(by: 4096), count: 1, state: .problem).failureDSISR == .noTranslation)
        #expect(h.detachFromUser(r.start, user: user, size: 4096) == nil)
        #expect(h.detachFromUser(r.start, user: user, size: 4096) == .invalidArgument)
        if case .failure(.dataSegment) = h.load(user, count: 1, state: .problem) {} else {
            Issue.record("a detached user segment is a segment fault")
        }
        let again = try h.attachToUser(r.start, size: 8192, key: .privileged).get()
        _ = h.free(start: r.start, size: 8192)
        #expect(h.userAttachments.isEmpty)
        #expect(h.detachFromUser(r.start, user: again, size: 8192) == .invalidArgument)
    }

    @Test("vm_guatt refuses a size of 0, a range past its region, and one across segments")
    func refusals() throws {
        let h = VirtualMemoryManager(bytes: 1 << 30, pagingSpaceBytes: 1 << 30)!
        let r = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        #expect(h.attachToUser(r.start, size: 0, key: .privileged) == .failure(.invalidArgument))
        #expect(h.attachToUser(r.start, size: 8192, key: .privileged) == .failure(.invalidArgument))
        // A 256 MB region that does not start on a segment boundary straddles two segments.
        let big = try h.allocate(flags: .working, size: 0x1000_0000, owner: owner).get()
        #expect(big.start.segmentOffset != 0)
        #expect(h.attachToUser(big.start, size: 0x1000_0000, key: .privileged) == .failure(.invalidArgument))
        #expect(h.attachToUser(big.start, size: 4096, key: .privileged) != .failure(.invalidArgument))
    }
}
