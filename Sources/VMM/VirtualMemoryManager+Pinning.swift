import PowerArch

extension VirtualMemoryManager {
    /// The pages `[start, start + length)` covers, whole pages, if every one lies in a live
    /// region.
    func pages(of start: EffectiveAddress, length: Int64) -> ClosedRange<UInt64>? {
        guard length > 0, map.contains(start) else { return nil }
        let (last, overflow) = start.rawValue.addingReportingOverflow(UInt64(length) - 1)
        guard !overflow, map.contains(EffectiveAddress(last)) else { return nil }
        let first = pageIndex(of: start)
        let end = pageIndex(of: EffectiveAddress(last))
        for p in first...end where region(containing: ea(ofPage: p)) == nil { return nil }
        return first...end
    }

    /// `pin`/`ltpin`: adds one to the count of every page the range touches, all or nothing.
    public func pin(_ start: EffectiveAddress, length: Int64, kind: PinKind) -> AIXErrno? {
        guard let range = pages(of: start, length: length) else { return .invalidArgument }
        for p in range { pinCounts[p, default: PinCount()][kind] += 1 }
        // A pinned page is resident: bring each in now. All or nothing, like the counts.
        if !residePinned(range) {
            for p in range {
                pinCounts[p]![kind] -= 1
                if pinCounts[p]?.isPinned == false { pinCounts[p] = nil }
                updatePinnedFlag(UInt32(p))
            }
            return .noMemory
        }
        return nil
    }

    /// `unpin`/`ltunpin`: takes one from each page's count, in order, stopping at the first page
    /// whose count is already zero.
    public func unpin(_ start: EffectiveAddress, length: Int64, kind: PinKind) -> UnpinFailure? {
        guard let range = pages(of: start, length: length) else { return .invalidRange }
        for p in range {
            guard var count = pinCounts[p], count[kind] > 0 else { return .notPinned(ea(ofPage: p)) }
            count[kind] -= 1
            pinCounts[p] = count.isPinned ? count : nil
            updatePinnedFlag(UInt32(p))
            // Unpinned at interrupt level: from now on a touch is a fault AIX cannot service.
            if !count.isPinned { applyFaultRule(toPage: p) }
        }
        return nil
    }

    public func pinCount(at ea: EffectiveAddress) -> PinCount {
        guard map.contains(ea) else { return PinCount() }
        return pinCounts[pageIndex(of: ea)] ?? PinCount()
    }

    /// Asked at every xmfree; with nothing pinned anywhere (the usual case) no page is looked up.
    public func isPinned(_ ea: EffectiveAddress) -> Bool { !pinCounts.isEmpty && pinCount(at: ea).isPinned }

    /// Pinned pages of a region.
    public func pinnedPages(of region: GallocRegion) -> [EffectiveAddress] {
        let first = pageIndex(of: region.start)
        let count = region.size >> PageSize.shift
        return (first..<(first + count)).filter { pinCounts[$0] != nil }.map { ea(ofPage: $0) }
    }

    /// Whether every page of `[start, start + length)` is pinned.
    public func isPinned(_ start: EffectiveAddress, length: Int64) -> Bool {
        guard let range = pages(of: start, length: length) else { return false }
        return range.allSatisfy { pinCounts[$0]?.isPinned == true }
    }
}
