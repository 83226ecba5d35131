/// The run over time squeezed into a fixed number of columns for the plot: each column covers a
/// run of consecutive samples and keeps, per quantity, the least and greatest value among them,
/// so that a spike one operation long still shows at a million operations.
public struct StressSeries: Hashable, Sendable {
    public struct Column: Hashable, Sendable {
        public var firstStep: Int
        public var lastStep: Int
        public var low: [Double]
        public var high: [Double]
    }

    /// The quantities plotted, in the order of each column's `low` and `high`.
    public static let quantities: [(name: String, value: @Sendable (StressSample) -> Double)] = [
        ("galloc: run's regions", { Double($0.gallocRun) }),
        ("galloc: kernel_heap", { Double($0.gallocKernelHeap) }),
        ("galloc: pinned_heap", { Double($0.gallocPinnedHeap) }),
        ("xmalloc live: kernel_heap", { Double($0.liveKernelHeap) }),
        ("xmalloc live: pinned_heap", { Double($0.livePinnedHeap) }),
        ("xmalloc live: private heaps", { Double($0.livePrivate) }),
        ("fragmentation", { $0.fragmentation }),
        ("pinned pages", { Double($0.pinnedPages) }),
        ("page faults", { Double($0.pageFaults) }),
    ]

    public var columns: [Column]

    /// At most `columns` columns, each from an equal share of the samples (in step order).
    public init(_ samples: [StressSample], columns count: Int) {
        guard !samples.isEmpty, count > 0 else {
            columns = []
            return
        }
        let width = max(1, (samples.count + count - 1) / count)
        columns = stride(from: 0, to: samples.count, by: width).map { start in
            let slice = samples[start..<min(start + width, samples.count)]
            let values = Self.quantities.map { quantity in slice.map(quantity.value) }
            return Column(firstStep: slice.first!.step, lastStep: slice.last!.step,
                          low: values.map { $0.min()! }, high: values.map { $0.max()! })
        }
    }
}
