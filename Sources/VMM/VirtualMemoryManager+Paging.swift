import CPageState
import PowerArch

/// The VMM side of demand paging: keeps the software MMU (SLB and hashed page table) current
/// with the C page-state table the fault handler updates.
///
/// The handler cannot call Swift, so it logs what it did (zero-fill, page-in, R or C set, page
/// stolen, R cleared by the clock) in a ring; `drainPageEvents` replays the ring into the page
/// table and the fault counters. The kernel drains at every service call and after every
/// guarded call, so the page table is exact whenever Swift code looks at it. The page-state
/// table is the truth: syncing a page rewrites its PTE from it, so a lost event (ring overflow)
/// costs a count, never a wrong bit.
extension VirtualMemoryManager {
    /// A page table with at least one group per four frames, placed in real memory above the
    /// frames and aligned to its size as SDR1 requires.
    static func sdr1(realMemoryBytes: UInt64) -> SDR1 {
        let frames = max(realMemoryBytes >> PageSize.shift, 1)
        var htabSize: UInt64 = 0
        while htabSize < SDR1.maximumHTABSize, (UInt64(1) << (11 + htabSize)) * 4 < frames { htabSize += 1 }
        let tableBytes = UInt64(1) << (18 + htabSize)
        let origin = (realMemoryBytes + tableBytes - 1) / tableBytes * tableBytes
        return SDR1(htabOrigin: origin, htabSize: htabSize)
    }

    /// Loads the heap's segments into the SLB, as many as it holds; the rest are loaded on a
    /// segment miss (`translate`).
    func loadSegments() {
        for (slot, entry) in segments.entries.prefix(translator.slb.slotCount).enumerated() {
            translator.storeSegment(entry, at: slot)
        }
    }

    // MARK: - Pages

    func pageNumber(_ ea: EffectiveAddress) -> UInt32 { UInt32(pageIndex(of: ea)) }

    /// The state of the page holding `ea`.
    public func pageState(at ea: EffectiveAddress) -> PageState {
        guard map.contains(ea) else { return PageState(byte: 0) }
        return PageState(byte: aixsim_vmm_state(pageStates, pageNumber(ea)))
    }

    /// The states of a region's pages, in order.
    public func pageStates(of region: GallocRegion) -> [PageState] {
        let first = pageNumber(region.start)
        return (0..<UInt32(region.size >> PageSize.shift)).map {
            PageState(byte: aixsim_vmm_state(pageStates, first + $0))
        }
    }

    /// The real address of the frame holding the page of `ea`, if it is resident.
    public func frameAddress(at ea: EffectiveAddress) -> UInt64? {
        guard map.contains(ea) else { return nil }
        let frame = aixsim_vmm_frame(pageStates, pageNumber(ea))
        return frame == UInt32.max ? nil : UInt64(frame) << PageSize.shift
    }

    public var pagingStatistics: aixsim_vmm_stats { aixsim_vmm_stats(pageStates) }

    /// Takes the last fault the VMM allowed but could not resolve.
    public func takePagingFailure() -> PagingFailure? {
        PagingFailure(aixsim_vmm_take_failure(pageStates), map: map)
    }

    /// Test hook: the next `count` host protection changes fail with `errno`.
    public func injectHostProtectionFailure(count: Int, errno: Int32) {
        aixsim_vmm_inject_protect_failure(pageStates, Int32(count), errno)
    }

    /// Frees a region's frames and slots, drops its contents and its PTEs.
    func releasePages(of region: GallocRegion) {
        let first = pageNumber(region.start)
        let count = UInt32(region.size >> PageSize.shift)
        detachAll(of: region)
        // With every event drained and no sync ever skipped, the page table mirrors the page
        // states exactly: only a page resident now can have a PTE, so only those are searched
        // for one. Otherwise every page is, as a sync would.
        let mirrored = !hasPendingPageEvents && !pageSyncSkipped && _skippedPageSyncs == 0
        let pages: [UInt32] = mirrored ? residentPages(first: first, count: count) : Array(first..<first + count)
        _ = aixsim_vmm_release(pageStates, first, count)
        // Every page is unallocated now, so syncing one only drops its PTE: do that directly,
        // finding the segment once per segment instead of once per page.
        var segment: (esid: UInt64, entry: SLBEntry?) = (UInt64.max, nil)
        for page in pages {
            if _skippedPageSyncs > 0 {
                _skippedPageSyncs -= 1
                pageSyncSkipped = true
                continue
            }
            let ea = ea(ofPage: UInt64(page))
            if segment.esid != ea.esid { segment = (ea.esid, segments.entry(for: ea)) }
            guard let entry = segment.entry else { continue }
            translator.invalidatePage(entry.virtualAddress(of: ea))
        }
        faultsByRegion[region.sequence] = nil
    }

    /// The resident pages of a range, found by one scan in C: a 1 MB free of a region touched
    /// once asks about one page, not 256.
    private func residentPages(first: UInt32, count: UInt32) -> [UInt32] {
        var pages = [UInt32](repeating: 0, count: 16)
        let found = aixsim_vmm_resident_pages(pageStates, first, count, &pages, UInt32(pages.count))
        if found > UInt32(pages.count) {
            pages = [UInt32](repeating: 0, count: Int(found))
            _ = aixsim_vmm_resident_pages(pageStates, first, count, &pages, found)
        }
        return Array(pages.prefix(Int(found)))
    }

    /// Rewrites the PTE of `page` from the page-state table: present with the table's R and C
    /// if the page is resident, absent otherwise.
    func syncPage(_ page: UInt32) {
        if _skippedPageSyncs > 0 {
            _skippedPageSyncs -= 1
            pageSyncSkipped = true
            return
        }
        let ea = ea(ofPage: UInt64(page))
        guard let segment = segments.entry(for: ea) else { return }
        let va = segment.virtualAddress(of: ea)
        let state = PageState(byte: aixsim_vmm_state(pageStates, page))
        let frame = aixsim_vmm_frame(pageStates, page)
        guard state.residency == .resident, frame != UInt32.max, let region = region(containing: ea) else {
            translator.invalidatePage(va)
            return
        }
        var pte = PageTableEntry(
            mapping: va, to: UInt64(frame) << PageSize.shift,
            protection: region.protection,
            execution: region.flags.contains(.noExecute) ? .forbidden : .allowed)
        if state.referenced { pte.setReferenced() }
        if state.changed { pte.setChanged() }
        guard case .success(let insertion) = translator.insert(pte, for: va),
              let displaced = insertion.displaced, displaced.virtualAddress.pageBase != va.pageBase
        else { return }
        // Both groups were full: another page lost its PTE. Its frame stays; forgetting R makes
        // its next access fault, and that fault's sync enters the PTE again (AIX reloads a PTE
        // from its software page table the same way).
        if let other = effectiveAddress(ofVirtual: displaced.virtualAddress) {
            _ = aixsim_vmm_clear_referenced(pageStates, pageNumber(other))
        }
    }

    func effectiveAddress(ofVirtual va: VirtualAddress) -> EffectiveAddress? {
        let n = va.vsid - GlobalSegments.firstVSID
        guard va.vsid >= GlobalSegments.firstVSID, n < UInt64(segments.count) else { return nil }
        return EffectiveAddress((segments.firstESID + n) << Segment.shift | va.pageBase.segmentOffset)
    }

    // MARK: - The event ring

    /// Whether the fault handler logged events `drainPageEvents` has not taken yet, for callers
    /// that check before draining. Inlined into every service call: the ring's counters are read
    /// in place instead of through a call into the VMM and another into C.
    @inlinable public var hasPendingPageEvents: Bool {
        eventCounters[0] != eventCounters[1] || eventCounters[2] != eventCounters[3]
    }

    /// Replays what the fault handler did since the last drain into the page table and the
    /// per-region counters; returns the counts, for the caller to charge to a kext.
    @discardableResult
    public func drainPageEvents() -> PageFaultCounts {
        var total = PageFaultCounts()
        // Every service call drains; most find nothing, and must not pay for a buffer.
        guard aixsim_vmm_pending(pageStates) != 0 else { return total }
        var buffer = [aixsim_page_event](repeating: aixsim_page_event(), count: 256)
        var lostAny = false
        while true {
            var lost: UInt64 = 0
            let n = Int(buffer.withUnsafeMutableBufferPointer {
                aixsim_vmm_take_events(pageStates, $0.baseAddress, Int32($0.count), &lost)
            })
            lostAny = lostAny || lost > 0
            for event in buffer.prefix(n) {
                var counts = PageFaultCounts()
                switch Int(event.kind) {
                case Int(AIXSIM_EVENT_ZERO_FILL.rawValue): counts.zeroFills = 1
                case Int(AIXSIM_EVENT_PAGE_IN.rawValue): counts.pageIns = 1
                case Int(AIXSIM_EVENT_REFERENCE.rawValue): counts.referenceFaults = 1
                case Int(AIXSIM_EVENT_CHANGE.rawValue): counts.changeFaults = 1
                case Int(AIXSIM_EVENT_PAGE_OUT.rawValue): counts.pageOuts = 1
                default: break
                }
                if !counts.isEmpty, let region = region(containing: ea(ofPage: UInt64(event.page))) {
                    faultsByRegion[region.sequence, default: PageFaultCounts()] += counts
                }
                total += counts
                syncPage(event.page)
            }
            if n < buffer.count { break }
        }
        if lostAny { resyncAllPages() }
        return total
    }

    /// Rewrites every live page's PTE from the table, after the ring overflowed.
    func resyncAllPages() {
        for region in liveRegions {
            let first = pageNumber(region.start)
            for p in 0..<UInt32(region.size >> PageSize.shift) { syncPage(first + p) }
        }
    }

    // MARK: - Pinning

    /// Makes pinned pages resident and marks them so the clock skips them. Returns false, with
    /// nothing marked, if real memory cannot hold them.
    func residePinned(_ pages: ClosedRange<UInt64>) -> Bool {
        for p in pages {
            let page = UInt32(p)
            aixsim_vmm_set_pinned(pageStates, page, 1)
            if touch(page, as: .load) != 1 {
                for q in pages where q <= p { updatePinnedFlag(UInt32(q)) }
                _ = takePagingFailure()
                drainPageEvents()
                return false
            }
        }
        drainPageEvents()
        return true
    }

    /// Resolves a page fault on `page` as the handler would for `access`: 1 if the page is now
    /// accessible for it, 0 if the page does not allow it, -1 if it could not be resolved.
    func touch(_ page: UInt32, as access: AccessKind) -> Int32 {
        aixsim_vmm_touch(pageStates, page, access == .store ? 1 : 0)
    }

    /// Sets the C table's pinned flag from the pin counts.
    func updatePinnedFlag(_ page: UInt32) {
        aixsim_vmm_set_pinned(pageStates, page, pinCounts[UInt64(page)]?.isPinned == true ? 1 : 0)
    }
}
