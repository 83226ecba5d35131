import CFaultGuard
import CPageState
import PowerArch

/// The VMM of the simulated 64-bit kernel's global memory: the galloc heap that `vm_galloc`
/// hands out, backed by one host reservation, with its pages, their pins, the software MMU that
/// translates them, and the attachments that let the simulated user process reach them.
///
/// Placement of regions is the allocator's (`GallocAllocator`); this class adds what a region's
/// pages need. Allocation backs nothing: a region's pages stay inaccessible on the host and are
/// marked zero-fill in the C page-state table; each page gets a frame of simulated real memory
/// and a page-table entry on its first touch (see `VirtualMemoryManager+Paging.swift`). Freeing
/// discards the contents. Paging space is reserved for every allocated page at vm_galloc time
/// (AIX's early paging-space allocation), so a region counts against the paging space (whose
/// exhaustion makes vm_galloc fail with ENOMEM) and its address range against the heap size
/// (ENOSPC); real memory only bounds how many pages are resident at once.
///
/// The class holds more than a dozen stored properties because it is where the VMM's parts
/// meet: each is one part (allocator, page-state table, MMU, pins, attachments, counters) with
/// its own type where it has rules of its own.
public final class VirtualMemoryManager {
    public let map: AddressMap
    public let pagingSpaceBytes: UInt64
    /// Simulated real memory.
    public let realMemoryBytes: UInt64
    public private(set) var backedBytes: UInt64 = 0

    private let reservation: UnsafeMutableRawPointer
    private let reservationBytes: Int
    /// Where regions go, and which are live.
    var allocator: GallocAllocator
    /// The C page-state table the fault handler reads (see aixsim_pagestate.h).
    let pageStates: OpaquePointer
    /// The page-state table's event-ring counters (head, tail, lost, lost reported), in place.
    @usableFromInline let eventCounters: UnsafePointer<UInt64>
    /// Pin counts of pinned pages, by page index; absent means unpinned.
    var pinCounts: [UInt64: PinCount] = [:]
    /// The software MMU: the heap's segments in the SLB, its resident pages in the page table.
    public internal(set) var translator: Translator
    public let segments: GlobalSegments
    var slbReloadCursor = 0
    /// Ranges attached into the simulated user process with vm_guatt, and the next user segment.
    public internal(set) var userAttachments: [UserAttachment] = []
    var nextUserSegment = 0
    /// The user process's data segment in the MMU, and whether the running context's SLB holds
    /// it (see VirtualMemoryManager+UserSegment.swift).
    public internal(set) var userSegment: UserSegment?
    public internal(set) var userSegmentReachable = false
    /// Page-fault activity by region (allocation sequence number).
    public internal(set) var faultsByRegion: [Int: PageFaultCounts] = [:]
    /// Test hook, 0 in real runs: the next this many page syncs are skipped, leaving a PTE
    /// stale or missing, so the stress page-state invariant can be shown to catch it.
    public var _skippedPageSyncs = 0
    /// Whether `_skippedPageSyncs` ever skipped one: the page table may then hold a PTE the
    /// page states do not explain, and releases search every page for one.
    var pageSyncSkipped = false

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
        let hostStart = HostAddress(base).advanced(by: PageSize.bytes)
        // Every slot a galloc'd page may need is reserved at allocation, so the paging space
        // never needs more slots than the heap has pages.
        let slots = min(pagingSpaceBytes >> PageSize.shift, pages)
        guard aixsim_guard_install() == 0,
              let space = aixsim_vmm_create(hostStart.rawValue, Int(pages), UInt32(real >> PageSize.shift),
                                            UInt32(slots))
        else {
            HostMemory.release(base, bytes: total)
            return nil
        }
        reservation = base
        reservationBytes = total
        map = AddressMap(eaBase: AddressMap.gallocHeapStart, hostStart: hostStart, bytes: size)
        self.pagingSpaceBytes = pagingSpaceBytes
        self.realMemoryBytes = real
        pageStates = space
        eventCounters = aixsim_vmm_event_counters(space)
        allocator = GallocAllocator(base: map.eaBase, pages: pages)
        segments = GlobalSegments(map: map)
        translator = Translator(sdr1: Self.sdr1(realMemoryBytes: real))
        // The guard asks the page-state table, never this class, what a fault means: the
        // handler may not run Swift. Every VMM registers the same two functions.
        aixsim_set_fault_hooks(aixsim_vmm_handle_fault, aixsim_vmm_may_deliver)
        aixsim_set_exception_classifier(aixsim_vmm_exception_code)
        loadSegments()
    }

    deinit {
        // Destroying the table also ends its faults-allowed flag and V_SYSTEM ranges.
        aixsim_vmm_destroy(pageStates)
        HostMemory.release(reservation, bytes: reservationBytes)
    }

    public var sizeBytes: UInt64 { map.bytes }
    public var liveRegions: [GallocRegion] { allocator.liveRegions }
    public var freeRanges: [Range<EffectiveAddress>] { allocator.freeRanges }

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
        guard let startPage = allocator.place(pages: pages) else { return .failure(.noSpace) }
        guard backedBytes + bytes <= pagingSpaceBytes else { return .failure(.noMemory) }
        // No frame, no PTE, no host memory yet: the pages are zero-fill until first touched.
        aixsim_vmm_allocate(pageStates, UInt32(startPage), UInt32(pages))
        if flags.contains(.system) {
            // Faults here, or in the guard page that ends the region, are never delivered to
            // setjmpx: storage reference errors in V_SYSTEM areas always crash.
            _ = aixsim_vmm_add_system_range(pageStates, UInt32(startPage), UInt32(pages + 1))
        }
        backedBytes += bytes
        return .success(allocator.take(startPage: startPage, pages: pages, flags: flags, owner: owner))
    }

    /// Frees a region with AIX's vm_gfree rule: the address and the (rounded) size must be
    /// exactly those of one live region; anything else is EINVAL and frees nothing.
    public func free(start: EffectiveAddress, size: Int64) -> Result<GallocRegion, AIXErrno> {
        guard size > 0, start.pageOffset == 0, map.contains(start) else {
            return .failure(.invalidArgument)
        }
        let page = pageIndex(of: start)
        guard let region = allocator.region(startingAt: page), region.size == PageSize.roundUp(UInt64(size)) else {
            return .failure(.invalidArgument)
        }
        releasePages(of: region)
        if region.flags.contains(.system) { aixsim_vmm_remove_system_range(pageStates, UInt32(page)) }
        backedBytes -= region.size
        // Pin counts die with the region; the kernel reports a free of pinned memory.
        // A removal per page hashes 256 times for 1 MB; with nothing pinned anywhere there is
        // nothing to remove.
        if !pinCounts.isEmpty {
            for p in page..<(page + (region.size >> PageSize.shift)) { pinCounts[p] = nil }
        }
        allocator.remove(region)
        return .success(region)
    }

    // MARK: - Lookups for reports

    public func region(containing ea: EffectiveAddress) -> GallocRegion? {
        guard map.contains(ea) else { return nil }
        return allocator.region(containing: ea)
    }

    public func relation(of ea: EffectiveAddress) -> RegionRelation {
        allocator.relation(of: ea, inHeap: map.contains(ea))
    }

    // MARK: - Pages

    func ea(ofPage page: UInt64) -> EffectiveAddress { allocator.ea(ofPage: page) }
    func pageIndex(of ea: EffectiveAddress) -> UInt64 { allocator.pageIndex(of: ea) }
}

/// The page-state table's event-ring counters, held apart from the VMM by whoever tests for
/// pending page events on a hot path: the kernel, on every service call, reads them one
/// dependent load nearer (kernel → counters) than through the VMM object. Valid while the VMM
/// that handed them out lives.
public struct PageEventCounters {
    @usableFromInline let counters: UnsafePointer<UInt64>

    /// The same test as `VirtualMemoryManager.hasPendingPageEvents`.
    @inlinable public var pending: Bool {
        counters[0] != counters[1] || counters[2] != counters[3]
    }
}

extension VirtualMemoryManager {
    public var pageEventCounters: PageEventCounters { PageEventCounters(counters: eventCounters) }
}
