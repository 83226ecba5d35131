import PowerArch
import VMM

/// What the inspectors and leak reports read: records, heap maps and counters.
extension XmallocAllocator {
    /// The initialised heaps: kernel_heap, pinned_heap, then private heaps in creation order.
    public var heapKinds: [HeapKind] {
        heaps.keys.sorted { order($0) < order($1) }
    }

    private func order(_ kind: HeapKind) -> Int {
        switch kind {
        case .kernel: 0
        case .pinned: 1
        case .private(let n): 1 + n
        }
    }

    /// Live allocations, oldest first; of one heap, or of all.
    public func liveRecords(in kind: HeapKind? = nil) -> [XmallocRecord] {
        let selected = kind.map { heaps[$0].map { [$0] } ?? [] } ?? Array(heaps.values)
        return selected.flatMap { $0.live.values }.sorted { $0.sequence < $1.sequence }
    }

    /// Live allocations made after `sequence` (a mark taken from `nextSequenceNumber` earlier).
    public func liveRecords(since sequence: Int) -> [XmallocRecord] {
        liveRecords().filter { $0.sequence >= sequence }
    }

    /// Live allocations by owner, for the leak report at CFG_TERM.
    public func leaksByOwner() -> [RegionOwner: [XmallocRecord]] {
        Dictionary(grouping: liveRecords(), by: \.owner)
    }

    /// One owner's live allocations.
    public func liveRecords(ownedBy owner: RegionOwner) -> [XmallocRecord] {
        liveRecords().filter { $0.owner == owner }
    }

    /// The live allocation that starts at `address` in any heap.
    public func record(at address: EffectiveAddress) -> XmallocRecord? {
        heaps.values.lazy.compactMap { $0.live[address] }.first
    }

    /// The most recently freed allocation (of the last few thousand per heap) whose bytes held
    /// `ea`, with its xmfree caller: what a stale pointer into it was.
    public func freedRecord(containing ea: EffectiveAddress) -> XmallocRecord? {
        heaps.values.compactMap { $0.freedRecord(containing: ea) }.max { $0.sequence < $1.sequence }
    }

    public func statistics(of kind: HeapKind) -> XmallocStatistics? { heap(kind)?.statistics }

    public func snapshot(of kind: HeapKind) -> XmallocHeapSnapshot? {
        guard let heap = heaps[kind] else { return nil }
        let buckets = SizeClass.blockSizes.indices.map { c in
            XmallocBucketUsage(blockSize: SizeClass.blockSizes[c],
                               chunks: heap.chunksByClass[c].sorted { $0.base < $1.base }.map(\.usage))
        }
        let regions = heap.area.map { [$0.region] } ?? heap.regions.values.sorted { $0.start < $1.start }
        let records = liveRecords(in: kind)
        return XmallocHeapSnapshot(
            kind: kind, area: heap.area?.range, regions: regions, buckets: buckets,
            pageAllocations: records.filter { if case .bucket = $0.placement { false } else { true } }.count,
            quarantinedBlocks: heap.quarantine.count, liveRecords: records, statistics: heap.statistics)
    }
}
