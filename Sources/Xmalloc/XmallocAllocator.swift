// xmalloc over galloc: the design.
//
// Two layers, as in OS/161's kmalloc over pages. The lower one is the VMM's galloc heap
// (vm_galloc/vm_gfree): page-granular regions of global memory, each followed by an
// inaccessible guard page, zero-filled when taken and discarded when given back. The upper one
// is here: xmalloc hands out arbitrary sizes from heaps that take galloc regions and carve them.
//
// Heaps. kernel_heap (pageable) and pinned_heap exist from the start and grow from galloc;
// every region they take is tagged `RegionOwner.xmalloc(heap)` (negative tags) so galloc
// reports can attribute it. pinned_heap pins each region through the caller's pin hook before
// anything in it is handed out; a refused pin gives the region straight back and that xmalloc
// fails. A private heap (init_heap) lives in a page-aligned area its caller owns inside a live
// galloc region; it carves only that area and never grows.
//
// Routing (one place, `xmalloc`). A request is sized as max(size, 2^align). Up to 2048 bytes
// it takes a block of the smallest size class that holds it (16, 32, … 2048): blocks are
// powers of two in page-aligned chunks, so a block is aligned to its size and alignment comes
// for free. Larger requests, and page-aligned ones, take whole pages of their own: one galloc
// region each in the global heaps (the guard page after it catches overruns), a first-fit run of
// pages in a private heap.
//
// Chunks and giving back. A global heap's bucket chunk is one 64 KB galloc region (16 pages),
// a private heap's one page. Each chunk keeps its free list and free count outside the memory
// it serves, so a kext scribbling on freed memory cannot corrupt the allocator. When a block
// goes back and its chunk becomes empty, the chunk is returned (vm_gfree, or to the area) if
// another empty chunk of the same class already exists: one spare per class absorbs
// alloc/free churn at a class boundary without a vm_galloc per call. A whole-page allocation's
// pages go back at xmfree. When galloc refuses a region (ENOSPC or ENOMEM), the allocator
// first reclaims: it drains the global heaps' quarantines and returns every empty chunk,
// spares included, then tries once more; if that fails too, xmalloc returns NULL, and it
// succeeds again once frees have given memory back.
//
// Records and findings. Every live allocation has an `XmallocRecord`: heap, size, alignment,
// the caller (owner tag and function), a sequence number, and the galloc region and pages
// behind it. xmfree must be given exactly a live allocation of the named heap; anything else
// returns -1, changes nothing, and becomes a finding (double free, pointer never returned,
// wrong heap, uninitialised heap). Debug checks add findings without changing the result.
// Findings are values, collected in `findings` and passed to the report hook as they happen.
//
// Debug. Free-fill, trailers, deferred reuse and guard pages (see `XmallocDebugOptions`),
// each sampled per allocation at a frequency a level sets (`XmallocDebugConfiguration`) from a
// seeded SplitMix64, so a seed replays the same choices. The choices are drawn at xmalloc, in
// a fixed order, and stored in the record; xmfree acts on what the record says.
//
// Not here: pinning itself, page states and host protections (VMM); which kext is which, the
// environment rules and C entry points (Kernel). Single-threaded like the simulated CPU; the
// allocator is not Sendable.

import PowerArch
import VMM

/// The xmalloc heaps of one simulated machine: `kernel_heap`, `pinned_heap` and the private
/// heaps `init_heap` creates, over one galloc heap.
public final class XmallocAllocator {
    /// Where the heaps get their pages: the VMM, seen only through `PageSource`.
    public let galloc: any PageSource
    public let debug: XmallocDebugConfiguration
    let hooks: XmallocHooks
    var random: SplitMix64
    var heaps: [HeapKind: XmallocHeap] = [:]
    /// The two global heaps, also in `heaps`: every xmalloc and xmfree names one, and a
    /// switch is cheaper than hashing the kind.
    let kernelHeap: XmallocHeap
    let pinnedHeap: XmallocHeap
    private var privateHeapCount = 0
    /// The sequence number the next allocation will get: a mark for `liveRecords(since:)`.
    public private(set) var nextSequenceNumber = 1
    /// Every finding so far, oldest first.
    public private(set) var findings: [XmallocFinding] = []
    /// Planted bugs for validating `aixsim stress`; empty in every real run.
    public var _faultHooks: XmallocFaultHooks = []

    /// The galloc type xmalloc's regions get: working storage, and a system area because a bad
    /// reference into the kernel's heaps is always a system crash.
    public static let gallocFlags: GallocFlags = [.working, .system]

    /// The largest size a kext can ask for: xmalloc's `size` is a C `int`.
    public static let maximumSize = Int(Int32.max)

    public init(galloc: any PageSource, debug: XmallocDebugConfiguration = .off,
                hooks: XmallocHooks = XmallocHooks())
    {
        SizeClass.check()
        self.galloc = galloc
        self.debug = debug
        self.hooks = hooks
        random = SplitMix64(seed: debug.seed)
        kernelHeap = XmallocHeap(kind: .kernel, source: .galloc, quarantineDepth: debug.quarantineDepth)
        pinnedHeap = XmallocHeap(kind: .pinned, source: .galloc, quarantineDepth: debug.quarantineDepth)
        heaps[.kernel] = kernelHeap
        heaps[.pinned] = pinnedHeap
    }

    /// The heap of a kind, if initialised.
    @inline(__always)
    func heap(_ kind: HeapKind) -> XmallocHeap? {
        switch kind {
        case .kernel: kernelHeap
        case .pinned: pinnedHeap
        case .private: heaps[kind]
        }
    }

    // MARK: - init_heap

    /// Creates a private heap in `size` bytes at `area`, as AIX's `init_heap(area, size, NULL)`.
    ///
    /// The area must be page-aligned, whole pages, inside one live galloc region (so the
    /// caller owns it and it has host memory behind it); it may lie within another private
    /// heap only on pages that heap has handed out. Returns the new heap's kind, or nil when any of that fails. The heap is known by
    /// its area too (`heap(atArea:)`), which the kernel can hand out as the `heapaddr_t`.
    public func init_heap(area: EffectiveAddress, size: Int) -> HeapKind? {
        guard size > 0, size % PageSizeFacts.bytes == 0, PageSizeFacts.isPageAligned(area),
              let region = galloc.region(containing: area)
        else { return nil }
        let range = area..<area.advanced(by: UInt64(size))
        // AIX lets the area lie within another heap: memory the kext took from it. A heap's
        // free pages, or an area straddling another heap's, are a mistake.
        let clashes = heaps.values.contains { heap in
            guard let other = heap.area, other.range.overlaps(range) else { return false }
            let within = other.range.lowerBound <= range.lowerBound && range.upperBound <= other.range.upperBound
            // The same start would make two heaps share one handle (the area's address).
            return !within || !other.isTaken(range) || other.range.lowerBound == range.lowerBound
        }
        guard range.upperBound <= region.end, !clashes else { return nil }
        privateHeapCount += 1
        let kind = HeapKind.private(privateHeapCount)
        heaps[kind] = XmallocHeap(kind: kind, source: .area(PrivateArea(range: range, region: region)),
                                  quarantineDepth: debug.quarantineDepth)
        return kind
    }

    /// The private heap created at `area`, if any.
    public func heap(atArea area: EffectiveAddress) -> HeapKind? {
        heaps.values.first { $0.area?.range.lowerBound == area }?.kind
    }

    public func isInitialised(_ kind: HeapKind) -> Bool { heap(kind) != nil }

    // MARK: - xmalloc

    /// Allocates `size` bytes aligned to `2^align` from `heap`, as AIX's
    /// `xmalloc(size, align, heap)`. The memory is not cleared.
    ///
    /// Returns nil (NULL) when the heap is not initialised, `size` is not positive or `align`
    /// is beyond a page, the fault-injection hook says so, pinning fails, or the heap has no
    /// room (galloc exhausted, or a private heap's area full). `injectFailure` is the caller's
    /// fault injection, consulted where the `shouldFail` hook is (a closure for the call costs
    /// no reference counting, where a hook must hold on to its kernel weakly).
    public func xmalloc(size: Int, align: XmallocAlignment, heap kind: HeapKind,
                        caller: XmallocCaller, injectFailure: () -> Bool = { false }) -> EffectiveAddress?
    {
        // 1. An uninitialised heap is NULL, as on AIX; there is no heap to count it against.
        guard let heap = self.heap(kind) else { return nil }
        // Borrowed for the rest of the call, as in xmfree.
        return Unmanaged.passUnretained(heap)._withUnsafeGuaranteedRef {
            allocate(size: size, align: align, in: $0, caller: caller, injectFailure: injectFailure)
        }
    }

    private func allocate(size: Int, align: XmallocAlignment, in heap: XmallocHeap, caller: XmallocCaller,
                          injectFailure: () -> Bool) -> EffectiveAddress?
    {
        // A private heap whose area's galloc region has been freed has no memory left to use.
        guard hasMemory(heap) else { return fail(heap) }
        // 2. Arguments AIX rejects, or that no page-granular heap can meet.
        guard size > 0, size <= Self.maximumSize, align.isSupported else { return fail(heap) }
        // 3. Injected failure, consulted once per call that could otherwise succeed.
        if injectFailure() || hooks.shouldFail?() == true {
            heap.statistics.injectedFailures += 1
            return fail(heap)
        }
        // 4. Debug choices, all drawn now, in a fixed order, so a seed replays them.
        let wanted = sampleTechniques(for: heap, size: size)
        // 5. Route: behind a guard page, into a bucket, or onto whole pages.
        let sequence = nextSequenceNumber
        let request = Request(size: size, alignment: align, caller: caller, sequence: sequence, wanted: wanted)
        let placed: Placed?
        if wanted.contains(.guardPages) {
            placed = placeBehindGuardPage(request, heap: heap)
        } else if let sizeClass = bucketClass(for: request) {
            placed = placeInBucket(request, heap: heap, sizeClass: sizeClass)
        } else {
            placed = placeOnPages(request, heap: heap)
        }
        guard let placed else { return fail(heap) }
        // 6. Book it (the record is written once, into the heap's slab) and arm its trailer.
        nextSequenceNumber += 1
        let slot = heap.remember(XmallocRecord(
            address: placed.address, size: size, alignment: align, heap: heap.kind, caller: caller,
            sequence: sequence, placement: placed.placement, region: placed.region,
            reservedBytes: placed.reservedBytes, debug: placed.debug))
        armTrailer(slot, in: heap)
        return placed.address
    }

    /// Where a placement put an allocation: the record's fields the route decides.
    struct Placed {
        let address: EffectiveAddress
        let placement: XmallocPlacement
        let region: GallocRegion?
        let reservedBytes: Int
        let debug: XmallocDebugOptions
    }

    /// One xmalloc call's facts, passed down the placement functions (with the heap, passed
    /// apart: a class reference stored in the struct is a retain and a release per call).
    struct Request {
        let size: Int
        let alignment: XmallocAlignment
        let caller: XmallocCaller
        let sequence: Int
        let wanted: XmallocDebugOptions
    }

    /// False for a private heap whose area's galloc region is gone (freed by its owner):
    /// touching the area then would fault inside aixsim rather than inside a kext.
    func hasMemory(_ heap: XmallocHeap) -> Bool {
        guard let area = heap.area else { return true }
        return galloc.region(containing: area.region.start) == area.region
    }

    private func fail(_ heap: XmallocHeap) -> EffectiveAddress? {
        heap.statistics.failures += 1
        return nil
    }

    /// The size class for a request, or nil for whole pages. A trailer needs at least one byte
    /// of slack, so a size that fills its class exactly moves up one class when it gets one.
    func bucketClass(for request: Request) -> Int? {
        let needed = max(request.size, request.alignment.bytes)
        guard let sizeClass = SizeClass.index(fitting: needed) else { return nil }
        if !_faultHooks.isEmpty, _faultHooks.contains(.undersizedClass), sizeClass == 2 { return 1 }
        if request.wanted.contains(.trailers), SizeClass.blockSizes[sizeClass] == request.size {
            return SizeClass.index(fitting: request.size + 1)
        }
        return sizeClass
    }

    private func placeInBucket(_ request: Request, heap: XmallocHeap, sizeClass: Int) -> Placed? {
        guard let chunk = heap.chunkWithFreeBlock(sizeClass: sizeClass) ?? growBucket(heap, sizeClass: sizeClass),
              let index = chunk.take()
        else { return nil }
        checkFreeFill(chunk, index: index, heap: heap, caller: request.caller)
        return Placed(address: chunk.address(of: index), placement: .bucket(chunk: chunk.base, blockSize: chunk.blockSize),
                      region: chunk.region, reservedBytes: chunk.blockSize,
                      debug: request.wanted.intersection([.freeFill, .trailers, .deferredReuse]))
    }

    private func placeOnPages(_ request: Request, heap: XmallocHeap) -> Placed? {
        let bytes = PageSizeFacts.roundUp(request.size)
        guard let grant = acquirePages(heap, bytes: bytes) else { return nil }
        // A page-exact size has no slack; the page after it (the galloc guard page in the
        // global heaps) stands in for the trailer.
        let debug: XmallocDebugOptions = bytes > request.size ? request.wanted.intersection(.trailers) : []
        return Placed(address: grant.start, placement: .pages(grant.start..<grant.start.advanced(by: UInt64(bytes))),
                      region: grant.region, reservedBytes: bytes, debug: debug)
    }

    /// KFENCE-style: a one-page galloc region of its own, the allocation as close to the end as
    /// its alignment allows, so the first byte past it (alignment slack aside, which gets a
    /// trailer) is the region's guard page.
    private func placeBehindGuardPage(_ request: Request, heap: XmallocHeap) -> Placed? {
        let pageBytes = PageSizeFacts.bytes
        guard let grant = acquirePages(heap, bytes: pageBytes) else { return nil }
        let offset = (pageBytes - request.size) & ~(request.alignment.boundary(forSize: request.size) - 1)
        let reserved = pageBytes - offset
        let debug: XmallocDebugOptions = reserved > request.size ? [.guardPages, .trailers] : [.guardPages]
        return Placed(address: grant.start.advanced(by: UInt64(offset)), placement: .guardPage,
                      region: grant.region, reservedBytes: reserved, debug: debug)
    }

    // MARK: - xmfree

    /// Frees an allocation, as AIX's `xmfree(ptr, heap)`: 0, or -1 when the heap is not
    /// initialised or `address` is not exactly a live allocation of it (then nothing changes
    /// and a finding says which mistake it was). Debug checks at free may add findings but do
    /// not stop the free.
    @discardableResult
    public func xmfree(_ address: EffectiveAddress, heap kind: HeapKind, caller: XmallocCaller) -> Int32 {
        // 1. The heap must exist.
        guard let heap = self.heap(kind) else {
            record(finding(.uninitialisedHeap, heap: kind, at: address, record: nil, call: caller))
            return -1
        }
        // The heap is borrowed for the rest of the call: heaps live as long as the allocator,
        // and a retained one costs a retain and a release on every xmfree.
        return Unmanaged.passUnretained(heap)._withUnsafeGuaranteedRef { free(address, in: $0, caller: caller) }
    }

    private func free(_ address: EffectiveAddress, in heap: XmallocHeap, caller: XmallocCaller) -> Int32 {
        // 2. The address must be exactly a live allocation of this heap.
        guard let slot = heap.live.slot(of: address) else {
            heap.statistics.rejectedFrees += 1
            self.record(classifyBadFree(address, heap: heap, caller: caller))
            return -1
        }
        // 3. Checks that report but do not refuse.
        let records = heap.records
        checkStillPinned(slot, in: heap, caller: caller)
        checkTrailer(slot, in: heap, caller: caller)
        // 4. Forget it (its slot passes from the live store to the freed ring), then give its
        // memory back the way it came.
        heap.live.unlink(slot)
        records[slot].freedBy = caller
        heap.forget(slot)
        switch records[slot].placement {
        case .bucket(let chunkBase, _):
            freeBlock(slot, heap: heap, chunkBase: chunkBase)
        case .pages, .guardPage:
            releasePages(heap, grant: grant(of: records[slot]))
        }
        return 0
    }

    /// Puts a freed block back: poisoned if sampled, then into the quarantine or the free list.
    private func freeBlock(_ slot: RecordSlot, heap: XmallocHeap, chunkBase: EffectiveAddress) {
        guard let chunk = heap.chunk(at: chunkBase) else {
            preconditionFailure("xmalloc: record \(heap.records[slot].sequence) names a chunk the heap lost")
        }
        let index = chunk.index(of: heap.records[slot].address)
        fillFreed(slot, chunk: chunk, index: index, heap: heap)
        if heap.records[slot].debug.contains(.deferredReuse) {
            chunk.quarantined += 1
            if let oldest = heap.quarantine.push(.init(chunk: chunk.base, index: index)) {
                releaseFromQuarantine(oldest, heap: heap)
            }
        } else {
            returnBlock(index, of: chunk, heap: heap)
        }
    }

    /// The pages behind a whole-page or guard-page record, as they were granted.
    private func grant(of record: XmallocRecord) -> PageGrant {
        switch record.placement {
        case .pages(let pages):
            let bytes = Int(pages.upperBound.rawValue - pages.lowerBound.rawValue)
            return PageGrant(start: pages.lowerBound, bytes: bytes, region: record.region,
                             ownsRegion: record.heap == .kernel || record.heap == .pinned)
        case .guardPage:
            guard let region = record.region else { preconditionFailure("xmalloc: a guard-page record without its region") }
            return PageGrant(start: region.start, bytes: Int(region.size), region: region, ownsRegion: true)
        case .bucket:
            preconditionFailure("xmalloc: a bucket block has no pages of its own")
        }
    }

    // MARK: - Findings

    func record(_ finding: XmallocFinding) {
        findings.append(finding)
        hooks.report?(finding)
    }

    /// Returns the findings so far and forgets them (for per-call or per-kext reporting).
    public func takeFindings() -> [XmallocFinding] {
        defer { findings.removeAll() }
        return findings
    }

    func finding(_ kind: XmallocFindingKind, heap: HeapKind, at address: EffectiveAddress,
                 record: XmallocRecord?, call: XmallocCaller?) -> XmallocFinding
    {
        XmallocFinding(kind: kind, heap: heap, address: address, record: record,
                       region: galloc.region(containing: address) ?? record?.region,
                       page: PageSizeFacts.page(of: address), call: call)
    }

    /// Why an xmfree address is not a live allocation of the heap it names.
    private func classifyBadFree(_ address: EffectiveAddress, heap: XmallocHeap,
                                 caller: XmallocCaller) -> XmallocFinding
    {
        if let other = heaps.values.first(where: { $0 !== heap && $0.live.contains(address) }),
           let live = other.live[address]
        {
            return finding(.wrongHeap(actual: other.kind), heap: heap.kind, at: address, record: live, call: caller)
        }
        if let freed = heap.freedRecord(at: address) {
            return finding(.doubleFree, heap: heap.kind, at: address, record: freed, call: caller)
        }
        return finding(.freeOfUnallocated, heap: heap.kind, at: address,
                       record: heap.liveRecord(containing: address), call: caller)
    }
}
