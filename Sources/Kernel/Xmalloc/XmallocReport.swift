import PowerArch
import VMM
import Xmalloc

/// The xmalloc heaps and the global address space after a run, as values for `--heap`, `--map`
/// and `--json`: kdb's `xmalloc` view per heap, and the galloc layer underneath.
public struct XmallocReport: Codable, Sendable {
    public struct Heap: Codable, Sendable {
        /// `kernel_heap`, `pinned_heap`, `private heap #n`.
        public let name: String
        /// A private heap's area.
        public let areaStart: EffectiveAddress?
        public let areaSize: UInt64?
        public let regions: [Region]
        public let buckets: [Bucket]
        /// Live allocations on whole pages or behind guard pages.
        public let pageAllocations: Int
        public let quarantinedBlocks: Int
        public let live: [XmallocLayers.Record]
        public let statistics: XmallocStatistics
    }

    /// One size class: its chunks and their free lists.
    public struct Bucket: Codable, Sendable {
        public let blockSize: Int
        public let chunks: Int
        public let blocks: Int
        /// Blocks on the chunks' free lists, ready to hand out.
        public let free: Int
        public let live: Int
        public let quarantined: Int
    }

    /// One galloc region, with who holds it and which of its pages are pinned.
    public struct Region: Codable, Sendable {
        public let start: EffectiveAddress
        public let size: UInt64
        public let sequence: Int
        /// `kernel_heap`, `pinned_heap`, or the kext's name.
        public let owner: String
        /// The heap whose memory it is, for xmalloc's regions.
        public let heap: String?
        public let pinnedPages: Int
        /// Runs of pinned pages, as page offsets from `start`.
        public let pinnedRuns: [Run]
    }

    public struct Run: Codable, Sendable, Equatable {
        public let first: Int
        public let count: Int
    }

    /// The galloc heap as a whole: every region, every free gap. Each region is followed by its
    /// guard page, which is neither in the region nor in a gap.
    public struct GlobalMemory: Codable, Sendable {
        public let start: EffectiveAddress
        public let size: UInt64
        public let regions: [Region]
        public let freeRanges: [FreeRange]
    }

    public struct FreeRange: Codable, Sendable {
        public let start: EffectiveAddress
        public let size: UInt64
    }

    public let debugLevel: String?
    public let seed: UInt64
    public let injectedFailures: [String: Int]
    public let heaps: [Heap]
    /// Present with `--heap` or `--map`.
    public let globalMemory: GlobalMemory?
}

extension Kernel {
    /// The heaps and (when asked for) the global address space, or nil when no kext used
    /// xmalloc and no picture was asked for.
    public func xmallocReport() -> XmallocReport? {
        let settings = configuration.xmalloc
        guard xmallocInUse || settings.collectMemoryMap || !injectedFailures.isEmpty else { return nil }
        let heaps: [XmallocReport.Heap] = xmallocInUse ? xmalloc.heapKinds.compactMap(heapView) : []
        return XmallocReport(
            debugLevel: settings.debugLevel?.rawValue, seed: settings.seed, injectedFailures: injectedFailures,
            heaps: heaps, globalMemory: settings.collectMemoryMap ? globalMemoryView() : nil)
    }

    private func heapView(_ kind: HeapKind) -> XmallocReport.Heap? {
        guard let snapshot = xmalloc.snapshot(of: kind) else { return nil }
        return XmallocReport.Heap(
            name: kind.description, areaStart: snapshot.area?.lowerBound,
            areaSize: snapshot.area.map { $0.upperBound.rawValue - $0.lowerBound.rawValue },
            regions: snapshot.regions.map(regionView),
            buckets: snapshot.buckets.filter { !$0.chunks.isEmpty }.map { b in
                XmallocReport.Bucket(blockSize: b.blockSize, chunks: b.chunks.count, blocks: b.blockCount,
                                     free: b.freeBlocks, live: b.liveBlocks,
                                     quarantined: b.chunks.reduce(0) { $0 + $1.quarantinedBlocks })
            },
            pageAllocations: snapshot.pageAllocations, quarantinedBlocks: snapshot.quarantinedBlocks,
            live: snapshot.liveRecords.map(layer(of:)), statistics: snapshot.statistics)
    }

    func regionView(_ region: GallocRegion) -> XmallocReport.Region {
        let pinned = vmm.region(containing: region.start) == region ? vmm.pinnedPages(of: region) : []
        var runs: [XmallocReport.Run] = []
        for page in pinned {
            let offset = Int((page.rawValue - region.start.rawValue) >> PageSize.shift)
            if let last = runs.last, last.first + last.count == offset {
                runs[runs.count - 1] = .init(first: last.first, count: last.count + 1)
            } else {
                runs.append(.init(first: offset, count: 1))
            }
        }
        return XmallocReport.Region(
            start: region.start, size: region.size, sequence: region.sequence, owner: ownerName(region.owner),
            heap: region.owner.xmallocHeap?.description, pinnedPages: pinned.count, pinnedRuns: runs)
    }

    func globalMemoryView() -> XmallocReport.GlobalMemory {
        XmallocReport.GlobalMemory(
            start: vmm.map.eaBase, size: vmm.sizeBytes, regions: vmm.liveRegions.map(regionView),
            freeRanges: vmm.freeRanges.map { .init(start: $0.lowerBound, size: $0.upperBound.rawValue - $0.lowerBound.rawValue) })
    }
}
