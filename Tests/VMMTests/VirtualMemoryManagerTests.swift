import PowerArch
import Testing
@testable import VMM

@Suite("VMM: vm_galloc and vm_gfree rules")
struct VirtualMemoryManagerTests {
    let owner = RegionOwner(rawValue: 0)

    func heap(_ bytes: UInt64 = 64 << 20, paging: UInt64? = nil) -> VirtualMemoryManager {
        VirtualMemoryManager(bytes: bytes, pagingSpaceBytes: paging ?? bytes)!
    }

    // MARK: - vm_galloc arguments

    @Test("V_WORKING is required")
    func workingRequired() {
        #expect(heap().allocate(flags: [], size: 4096, owner: owner) == .failure(.invalidArgument))
        #expect(heap().allocate(flags: .userReadable, size: 4096, owner: owner) == .failure(.invalidArgument))
    }

    @Test("Unknown type bits are EINVAL", arguments: [0x2, 0x4, 0x100, 0x8000000, 0x4000_0000] as [UInt32])
    func unknownBits(bit: UInt32) {
        let flags = GallocFlags(rawValue: GallocFlags.working.rawValue | bit)
        #expect(heap().allocate(flags: flags, size: 4096, owner: owner) == .failure(.invalidArgument))
    }

    @Test("Size must be positive", arguments: [0, -1, -4096, Int64.min] as [Int64])
    func sizeMustBePositive(size: Int64) {
        #expect(heap().allocate(flags: .working, size: size, owner: owner) == .failure(.invalidArgument))
    }

    @Test("Sizes round up to 4 KB and regions start on a page", arguments: [1, 4095, 4096, 4097, 10000] as [Int64])
    func rounding(size: Int64) throws {
        let r = try heap().allocate(flags: .working, size: size, owner: owner).get()
        #expect(r.size == PageSize.roundUp(UInt64(size)))
        #expect(r.size % 4096 == 0 && r.size >= UInt64(size))
        #expect(r.start.pageOffset == 0)
    }

    @Test("Page protection is 00 by default and 01 with V_UREAD; V_SYSTEM is recorded")
    func protection() throws {
        let h = heap()
        #expect(try h.allocate(flags: .working, size: 1, owner: owner).get().protection == .noAccessForKey1)
        #expect(try h.allocate(flags: [.working, .userReadable], size: 1, owner: owner).get().protection == .readOnlyForKey1)
        #expect(try h.allocate(flags: [.working, .system], size: 1, owner: owner).get().flags.contains(.system))
    }

    @Test("Regions live in the galloc heap at 0xF100000040000000")
    func heapAddress() throws {
        let r = try heap().allocate(flags: .working, size: 1, owner: owner).get()
        #expect(r.start == EffectiveAddress(0xF100_0000_4000_0000))
    }

    // MARK: - ENOSPC, ENOMEM, never partial

    @Test("ENOSPC when no free range of the heap is large enough")
    func noSpace() throws {
        let h = heap(1 << 20)
        #expect(h.allocate(flags: .working, size: 2 << 20, owner: owner) == .failure(.noSpace))
        // Each region also takes a guard page, so 1 MB cannot hold a 1 MB region either.
        #expect(h.allocate(flags: .working, size: 1 << 20, owner: owner) == .failure(.noSpace))
        #expect(h.liveRegions.isEmpty)
        #expect(h.freeRanges.count == 1)
    }

    @Test("ENOMEM when the paging space cannot back the region, with nothing allocated")
    func noMemory() throws {
        let h = heap(64 << 20, paging: 16 << 20)
        #expect(try h.allocate(flags: .working, size: 8 << 20, owner: owner).get().size == 8 << 20)
        let freeBefore = h.freeRanges
        #expect(h.allocate(flags: .working, size: 9 << 20, owner: owner) == .failure(.noMemory))
        #expect(h.freeRanges == freeBefore)
        #expect(h.liveRegions.count == 1)
        #expect(h.backedBytes == 8 << 20)
    }

    @Test("Freed space can be allocated again (recovery after exhaustion)")
    func recovery() throws {
        let h = heap(1 << 20)
        let a = try h.allocate(flags: .working, size: 600 << 10, owner: owner).get()
        #expect(h.allocate(flags: .working, size: 600 << 10, owner: owner) == .failure(.noSpace))
        #expect(throws: Never.self) { try h.free(start: a.start, size: Int64(a.size)).get() }
        #expect(try h.allocate(flags: .working, size: 600 << 10, owner: owner).get().size == 600 << 10)
    }

    // MARK: - vm_gfree

    @Test("vm_gfree needs the exact start and rounded size of a live region")
    func exactFree() throws {
        let h = heap()
        let r = try h.allocate(flags: .working, size: 12288, owner: owner).get()
        #expect(h.free(start: r.start, size: 8192) == .failure(.invalidArgument))
        #expect(h.free(start: r.start.advanced(by: 4096), size: 8192) == .failure(.invalidArgument))
        #expect(h.free(start: r.start.advanced(by: 1), size: 12288) == .failure(.invalidArgument))
        #expect(h.free(start: r.start, size: 0) == .failure(.invalidArgument))
        #expect(h.liveRegions == [r], "a refused vm_gfree frees nothing")
        #expect(h.free(start: r.start, size: 12000) == .success(r), "12000 rounds to the region's 12 KB")
        #expect(h.free(start: r.start, size: 12288) == .failure(.invalidArgument), "double free")
        #expect(h.liveRegions.isEmpty)
        #expect(h.backedBytes == 0)
    }

    @Test("An address outside the heap is EINVAL")
    func freeOutside() {
        #expect(heap().free(start: EffectiveAddress(0x1000), size: 4096) == .failure(.invalidArgument))
    }

    // MARK: - Placement

    @Test("Each region is followed by an unallocated guard page")
    func guardPages() throws {
        let h = heap()
        let a = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        let b = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        #expect(b.start >= a.end.advanced(by: 4096))
        #expect(h.region(containing: a.end) == nil)
    }

    @Test("Freed ranges are not reused until the heap wraps around (next fit)")
    func nextFit() throws {
        let h = heap(64 << 10)   // 16 pages
        let a = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        _ = try h.free(start: a.start, size: 4096).get()
        let b = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        #expect(b.start != a.start, "a stale pointer to a must keep faulting")
        // Fill the rest of the heap; then a's range is the only place left and is reused.
        var regions: [GallocRegion] = []
        while case .success(let r) = h.allocate(flags: .working, size: 4096, owner: owner) { regions.append(r) }
        #expect(regions.contains { $0.start == a.start })
    }

    @Test("relation(of:) names the freed region a stale address was in")
    func relationFreed() throws {
        let h = heap()
        let a = try h.allocate(flags: .working, size: 8192, owner: owner).get()
        _ = try h.free(start: a.start, size: 8192).get()
        guard case .insideFreed(let f) = h.relation(of: a.start.advanced(by: 100)) else {
            Issue.record("expected insideFreed")
            return
        }
        #expect(f.region == a)
    }

    // MARK: - Host backing

    @Test("A region is host memory the kernel can read and write, zero-filled when handed out")
    func backing() throws {
        let h = heap()
        let r = try h.allocate(flags: .working, size: 8192, owner: owner).get()
        let p = try #require(h.map.hostPointer(from: r.start))
        #expect(p.load(fromByteOffset: 8191, as: UInt8.self) == 0)
        p.storeBytes(of: 0xAB, toByteOffset: 8191, as: UInt8.self)
        #expect(p.load(fromByteOffset: 8191, as: UInt8.self) == 0xAB)
        _ = try h.free(start: r.start, size: 8192).get()
        // Reallocation at the same place (after the heap wraps) must see zeros again. A 3-page
        // heap holds one 1-page region and its guard page at a time, plus one spare page.
        let h2 = heap(12 << 10)
        let x = try h2.allocate(flags: .working, size: 4096, owner: owner).get()
        h2.map.hostPointer(from: x.start)!.storeBytes(of: 7, as: UInt8.self)
        _ = try h2.free(start: x.start, size: 4096).get()
        let y = try h2.allocate(flags: .working, size: 4096, owner: owner).get()
        #expect(y.start == x.start, "the small heap must wrap back to x's range")
        #expect(h2.map.hostPointer(from: y.start)!.load(as: UInt8.self) == 0)
    }

    @Test("Effective addresses and host pointers convert both ways")
    func addressMap() throws {
        let h = heap()
        let ea = h.map.eaBase.advanced(by: 0x1234)
        let host = try #require(h.map.hostAddress(of: ea))
        #expect(h.map.effectiveAddress(of: host) == ea)
        #expect(h.map.hostAddress(of: h.map.eaBase.advanced(by: h.map.bytes)) == nil)
        #expect(h.map.effectiveAddress(of: HostAddress(rawValue: 0x10)) == nil)
    }
}

