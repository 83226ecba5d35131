/// The machine's state after one operation, for the plot.
public struct StressSample: Hashable, Sendable, Codable {
    public var step: Int
    /// galloc bytes held by the run's own regions, kernel_heap and pinned_heap.
    public var gallocRun: Int
    public var gallocKernelHeap: Int
    public var gallocPinnedHeap: Int
    /// Live xmalloc bytes per global heap, and in private heaps together.
    public var liveKernelHeap: Int
    public var livePinnedHeap: Int
    public var livePrivate: Int
    public var pinnedPages: Int
    public var pageFaults: Int

    /// Bytes the global heaps hold but have not handed out, as a share of what they hold.
    public var fragmentation: Double {
        let held = gallocKernelHeap + gallocPinnedHeap
        return held == 0 ? 0 : Double(held - liveKernelHeap - livePinnedHeap) / Double(held)
    }
}
