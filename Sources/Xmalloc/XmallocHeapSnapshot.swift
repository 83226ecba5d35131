import PowerArch
import VMM

/// Everything an inspector needs about one heap at one moment (kmalloc's `kheap_printstats`
/// as a value).
public struct XmallocHeapSnapshot: Hashable, Sendable {
    public let kind: HeapKind
    /// A private heap's area; nil for kernel_heap and pinned_heap.
    public let area: Range<EffectiveAddress>?
    /// The galloc regions the heap owns (kernel and pinned heaps; tagged
    /// `RegionOwner.xmalloc(kind)`), or for a private heap the region its area lies in.
    public let regions: [GallocRegion]
    /// One entry per size class, smallest first, including classes with no chunk.
    public let buckets: [XmallocBucketUsage]
    /// Live allocations on whole pages or behind guard pages.
    public let pageAllocations: Int
    public let quarantinedBlocks: Int
    public let liveRecords: [XmallocRecord]
    public let statistics: XmallocStatistics
}
