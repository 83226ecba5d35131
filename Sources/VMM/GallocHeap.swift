import CFaultGuard
import CPageState
import PowerArch

/// The galloc heap: the part of the 64-bit kernel's global address space that `vm_galloc`
/// hands out, backed by one host reservation.
///
/// Placement. Regions are placed next-fit: the search starts where the previous allocation
/// ended and wraps around once. Freed address ranges therefore come back into use only after
/// the rest of the heap has been used, so a stale pointer into a freed region keeps faulting
/// for as long as possible instead of silently landing in its successor.
///
/// Guard pages. Every region is followed by one page that is never accessible, taken from the
/// heap with the region and returned with it, so running off the end of a region faults at the
/// first byte past it. A region of n pages therefore uses n + 1 pages of the heap's range.
///
/// Backing. Allocation backs nothing: a region's pages stay inaccessible on the host and are
/// marked zero-fill in the C page-state table; each page gets a frame of simulated real memory
/// and a page-table entry on its first touch (see `GallocHeap+Paging.swift`). Freeing discards
/// the contents. Paging space is reserved for every allocated page at vm_galloc time (AIX's early
/// paging-space allocation), so a region counts against the paging space (whose exhaustion makes
/// vm_galloc fail with ENOMEM) and its address range against the heap size (ENOSPC); real
/// memory only bounds how many pages are resident at once.
public final class GallocHeap {
    public let map: AddressMap
    public let pagingSpaceBytes: UInt64

    private let reservation: UnsafeMutableRawPointer
    private let reservationBytes: Int
    /// Free page ranges of the heap, sorted by start page, never adjacent.
    private var freePages: FreePageRuns
    private var cursor: UInt64 = 0
    private var live: [UInt64: GallocRegion] = [:]
    private var freedHistory: [FreedRegion] = []
    private var nextSequence = 1
    public private(set) var backedBytes: UInt64 = 0
    /// Pin counts of pinned pages, by page index; absent means unpinned.
    var pinCounts: [UInt64: PinCount] = [:]
    /// Simulated real memory.
    public let realMemoryBytes: UInt64
    /// The C page-state table the fault handler reads (see aixsim_pagestate.h).
    let pageStates: OpaquePointer
    /// The software MMU: the heap's segments in the SLB, its resident pages in the page table.
    public internal(set) var translator: Translator
    public let segments: GlobalSegments
    var slbReloadCursor = 0
    /// Ranges attached into the simulated user process with vm_guatt, and the next user segment.
    public internal(set) var userAttachments: [UserAttachment] = []
    var nextUserSegment = 0
    /// Page-fault activity by region (allocation sequence number).
    public internal(set) var faultsByRegion: [Int: PageFaultCounts] = [:]

    /// A region `vm_gfree` has returned, kept so reports can name what a stale access hit.
    public struct FreedRegion: Sendable {
        public let region: GallocRegion
        /// The order of the free among all frees.
        public let freeSequence: Int
    }

    private static let freedHistoryLimit = 4096
    private var freeCount = 0

    /// Creates a heap of `bytes` (rounded up to whole pages) with `pagingSpaceBytes` of paging
    /// space and `realMemoryBytes` of simulated real memory (nil: as large as the heap, so
    /// nothing is ever paged out). Returns nil if the host refuses the reservation.
    public init?(bytes: UInt64, pagingSpaceBytes: UInt64, realMemoryBytes: UInt64? = nil) {
        let size = PageSize.roundUp(bytes)
        // One inaccessible page below and above the heap as well.
        let total = Int(size + 2 * PageSize.bytes)
        let real = PageSize.roundUp(realMemoryBytes ?? size)
        let pages = size >> PageSize.shift
        guard size > 0, pages < UInt64(UInt32.max), real >> PageSize.shift < UInt64(UInt32.max),
              let base = HostMemory.reserve(bytes: total)
        else { return nil }
        let hostBase = UInt(bitPattern: base) + UInt(PageSize.bytes)
        // Every slot a galloc'd page may need is reserved at allocation, so the paging space
        // never needs more slots than the heap has pages.
        let slots = min(pagingSpaceBytes >> PageSize.shift, pages)
        guard aixsim_guard_install() == 0,
              let space = aixsim_vmm_create(hostBase, Int(pages), UInt32(real >> PageSize.shift), UInt32(slots))
        else {
            HostMemory.release(base, bytes: total)
            return nil
        }
        reservation = base
        reservationBytes = total
        map = AddressMap(eaBase: AddressMap.gallocHeapStart, hostBase: hostBase, bytes: size)
        self.pagingSpaceBytes = pagingSpaceBytes
        self.realMemoryBytes = real
        pageStates = space
        segments = GlobalSegments(map: map)
        translator = Translator(sdr1: Self.sdr1(realMemoryBytes: real))
        freePages = FreePageRuns(pages: pages)
        // The guard asks the page-state table, never this class, what a fault means: the
        // handler may not run Swift. Every heap registers the same two functions.
        aixsim_set_fault_hooks(aixsim_vmm_handle_fault, aixsim_vmm_may_deliver)
        loadSegments()
    }

    deinit {
        aixsim_vmm_destroy(pageStates)
        HostMemory.release(reservation, bytes: reservationBytes)
    }

    public var sizeBytes: UInt64 { map.bytes }
    public var liveRegions: [GallocRegion] { live.values.sorted { $0.start < $1.start } }
    public var freeRanges: [Range<EffectiveAddress>] {
        freePages.runs.map { ea(page: $0.lowerBound)..<ea(page: $0.upperBound) }
    }

    // MARK: - vm_galloc / vm_gfree

    /// Allocates a region with AIX's vm_galloc rules: V_WORKING required, no unknown type bits,
    /// size > 0 rounded up to 4 KB; ENOSPC if no free range is large enough, ENOMEM if the
    /// backing cannot be had. Never a partial result: on any error nothing has changed.
    public func allocate(flags: GallocFlags, size: Int64, owner: RegionOwner)
        -> Result<GallocRegion, AIXErrno>
    {
        guard flags.contains(.working), GallocFlags.acceptedByGalloc.isSuperset(of: flags),
              size > 0
        else { return .failure(.invalidArgument) }
        let bytes = PageSize.roundUp(UInt64(size))
        let pages = bytes >> PageSize.shift
        guard let startPage = freePages.nextFit(pages: pages + 1, from: cursor) else { return .failure(.noSpace) }
        guard backedBytes + bytes <= pagingSpaceBytes else { return .failure(.noMemory) }
        // No frame, no PTE, no host memory yet: the pages are zero-fill until first touched.
        aixsim_vmm_allocate(pageStates, UInt32(startPage), UInt32(pages))
        if flags.contains(.system) {
            // Faults here, or in the guard page that ends the region, are never delivered to
            // setjmpx: storage reference errors in V_SYSTEM areas always crash.
            _ = aixsim_vmm_add_system_range(pageStates, UInt32(startPage), UInt32(pages + 1))
        }
        freePages.take(startPage..<(startPage + pages + 1))
        cursor = startPage + pages + 1
        backedBytes += bytes
        let region = GallocRegion(start: ea(page: startPage), size: bytes, flags: flags,
                                  owner: owner, sequence: nextSequence)
        nextSequence += 1
        live[startPage] = region
        return .success(region)
    }

    /// Frees a region with AIX's vm_gfree rule: the address and the (rounded) size must be
    /// exactly those of one live region; anything else is EINVAL and frees nothing.
    public func free(start: EffectiveAddress, size: Int64) -> Result<GallocRegion, AIXErrno> {
        guard size > 0, start.pageOffset == 0, map.contains(start) else {
            return .failure(.invalidArgument)
        }
        let page = page(of: start)
        guard let region = live[page], region.size == PageSize.roundUp(UInt64(size)) else {
            return .failure(.invalidArgument)
        }
        releasePages(of: region)
        if region.flags.contains(.system) { aixsim_vmm_remove_system_range(pageStates, UInt32(page)) }
        live[page] = nil
        backedBytes -= region.size
        // Pin counts die with the region; the kernel reports a free of pinned memory.
        for p in page..<(page + (region.size >> PageSize.shift)) { pinCounts[p] = nil }
        freePages.give(page..<(page + (region.size >> PageSize.shift) + 1))
        freeCount += 1
        freedHistory.append(FreedRegion(region: region, freeSequence: freeCount))
        // Trimmed in halves, not one by one: each vm_gfree stays O(1) on average.
        if freedHistory.count >= 2 * Self.freedHistoryLimit {
            freedHistory.removeFirst(Self.freedHistoryLimit)
        }
        return .success(region)
    }

    // MARK: - Lookups for reports

    public func region(containing ea: EffectiveAddress) -> GallocRegion? {
        guard map.contains(ea) else { return nil }
        let p = page(of: ea)
        if let r = live[p] { return r }
        return live.values.first { $0.contains(ea) }
    }

    /// What an address in or near the heap relates to: a live region containing it, the most
    /// recently freed region that contained it, or the closest live region.
    public enum Relation: Sendable {
        case inside(GallocRegion)
        case insideFreed(FreedRegion)
        case nearest(GallocRegion, distance: Int64)
        case none
    }

    public func relation(of ea: EffectiveAddress) -> Relation {
        if let r = region(containing: ea) { return .inside(r) }
        if let f = freedHistory.last(where: { $0.region.contains(ea) }) { return .insideFreed(f) }
        var best: (GallocRegion, Int64)?
        for r in live.values {
            let d: Int64 = ea < r.start
                ? -Int64(bitPattern: r.start.rawValue &- ea.rawValue)
                : Int64(bitPattern: ea.rawValue &- (r.end.rawValue &- 1))
            if best == nil || abs(d) < abs(best!.1) { best = (r, d) }
        }
        if let (r, d) = best { return .nearest(r, distance: d) }
        return .none
    }

    // MARK: - Free-range bookkeeping

    private func ea(page: UInt64) -> EffectiveAddress {
        map.eaBase.advanced(by: page << PageSize.shift)
    }

    private func page(of ea: EffectiveAddress) -> UInt64 {
        (ea.rawValue - map.eaBase.rawValue) >> PageSize.shift
    }

    func ea(ofPage page: UInt64) -> EffectiveAddress { ea(page: page) }
    func pageIndex(of ea: EffectiveAddress) -> UInt64 { page(of: ea) }
}
