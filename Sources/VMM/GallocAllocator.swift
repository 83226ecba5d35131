import PowerArch

/// Where `vm_galloc` places regions in the galloc heap's address range and which regions are
/// live: address-space bookkeeping only, no pages, no host memory (the VMM owns those).
///
/// Placement. Regions are placed next-fit: the search starts where the previous allocation
/// ended and wraps around once. Freed address ranges therefore come back into use only after
/// the rest of the heap has been used, so a stale pointer into a freed region keeps faulting
/// for as long as possible instead of silently landing in its successor.
///
/// Guard pages. Every region is followed by one page that is never accessible, taken from the
/// heap with the region and returned with it, so running off the end of a region faults at the
/// first byte past it. A region of n pages therefore uses n + 1 pages of the heap's range.
struct GallocAllocator {
    /// The effective address of page 0.
    let base: EffectiveAddress
    /// Free page ranges of the heap, sorted by start page, never adjacent.
    private var freePages: FreePageRuns
    private var cursor: UInt64 = 0
    private var live: [UInt64: GallocRegion] = [:]
    /// The live regions' start pages in order: finding the region around an address is a
    /// binary search, not a scan of every region.
    private var liveStarts: [UInt64] = []
    private var freedHistory: [FreedRegion] = []
    private var nextSequence = 1
    private var freeCount = 0

    private static let freedHistoryLimit = 4096

    init(base: EffectiveAddress, pages: UInt64) {
        self.base = base
        freePages = FreePageRuns(pages: pages)
    }

    var liveRegions: [GallocRegion] { liveStarts.compactMap { live[$0] } }

    /// The index in `liveStarts` of the first start page greater than `page`.
    private func startsIndex(after page: UInt64) -> Int {
        var low = 0, high = liveStarts.count
        while low < high {
            let mid = (low + high) / 2
            if liveStarts[mid] <= page { low = mid + 1 } else { high = mid }
        }
        return low
    }
    var freeRanges: [Range<EffectiveAddress>] {
        freePages.runs.map { ea(ofPage: $0.lowerBound)..<ea(ofPage: $0.upperBound) }
    }

    // MARK: - Placing and removing

    /// The first page of a free range, next fit, that holds `pages` and the guard page after them.
    func place(pages: UInt64) -> UInt64? {
        freePages.nextFit(pages: pages + 1, from: cursor)
    }

    /// Takes the range `place` found for a region of `pages` pages and records the region.
    mutating func take(startPage: UInt64, pages: UInt64, flags: GallocFlags, owner: RegionOwner) -> GallocRegion {
        freePages.take(startPage..<(startPage + pages + 1))
        cursor = startPage + pages + 1
        let region = GallocRegion(start: ea(ofPage: startPage), size: pages << PageSize.shift, flags: flags,
                                  owner: owner, sequence: nextSequence)
        nextSequence += 1
        live[startPage] = region
        liveStarts.insert(startPage, at: startsIndex(after: startPage))
        return region
    }

    /// The live region starting at `page`, if any.
    func region(startingAt page: UInt64) -> GallocRegion? { live[page] }

    /// Returns a live region's pages and its guard page to the free ranges, and remembers it.
    mutating func remove(_ region: GallocRegion) {
        let page = pageIndex(of: region.start)
        if live.removeValue(forKey: page) != nil {
            liveStarts.remove(at: startsIndex(after: page) - 1)
        }
        freePages.give(page..<(page + (region.size >> PageSize.shift) + 1))
        freeCount += 1
        freedHistory.append(FreedRegion(region: region, freeSequence: freeCount))
        // Trimmed in halves, not one by one: each vm_gfree stays O(1) on average.
        if freedHistory.count >= 2 * Self.freedHistoryLimit {
            freedHistory.removeFirst(Self.freedHistoryLimit)
        }
    }

    // MARK: - Lookups

    /// The live region containing `ea`; the caller has checked that `ea` is in the heap.
    func region(containing ea: EffectiveAddress) -> GallocRegion? {
        let page = pageIndex(of: ea)
        if let r = live[page] { return r }
        let i = startsIndex(after: page)
        guard i > 0, let r = live[liveStarts[i - 1]], r.contains(ea) else { return nil }
        return r
    }

    func relation(of ea: EffectiveAddress, inHeap: Bool) -> RegionRelation {
        if inHeap, let r = region(containing: ea) { return .inside(r) }
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

    // MARK: - Pages

    func ea(ofPage page: UInt64) -> EffectiveAddress { base.advanced(by: page << PageSize.shift) }

    func pageIndex(of ea: EffectiveAddress) -> UInt64 { (ea.rawValue - base.rawValue) >> PageSize.shift }
}
