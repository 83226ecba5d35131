import Kernel
import KextLoader
import VMM

/// `load --heap`: the xmalloc heaps after the run, laid out like kdb's `xmalloc` subcommand
/// (heap, then its galloc regions, size-class buckets and free lists, live records, counters),
/// followed by the galloc heap's free gaps.
struct HeapView {
    let report: XmallocReport?
    init(_ report: XmallocReport?) { self.report = report }

    var text: String {
        guard let report else { return "\nxmalloc: no kext used xmalloc in this run.\n" }
        var out = "\nXMALLOC HEAPS (debug \(report.debugLevel ?? "off"), seed \(report.seed))\n"
        if !report.injectedFailures.isEmpty {
            out += "  injected failures: " + report.injectedFailures.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if report.heaps.isEmpty { out += "  (no kext used xmalloc)\n" }
        for heap in report.heaps { out += render(heap) }
        if let memory = report.globalMemory { out += render(memory) }
        return out
    }

    private func render(_ heap: XmallocReport.Heap) -> String {
        let s = heap.statistics
        var out = "\n\(heap.name)"
        if let start = heap.areaStart, let size = heap.areaSize { out += ": area \(ByteCount(size)) at \(start)" }
        out += "\n  held \(ByteCount(UInt64(s.bytesHeld))); live \(s.liveAllocations) allocations, "
            + "\(ByteCount(UInt64(s.bytesLive))) (peak \(ByteCount(UInt64(s.peakBytesLive))))\n"
        out += "  xmalloc \(s.allocations) ok, \(s.failures) NULL (\(s.injectedFailures) injected); "
            + "xmfree \(s.frees) ok, \(s.rejectedFrees) refused; regions taken \(s.regionsTaken), returned \(s.regionsReturned)\n"
        if !heap.regions.isEmpty {
            out += "  galloc regions:\n"
            for r in heap.regions.prefix(32) {
                out += "    #\(String(r.sequence).leftPadded(to: 5))  \(r.start)  \(ByteCount(r.size).description.leftPadded(to: 8))"
                    + (r.pinnedPages > 0 ? "  \(r.pinnedPages) pinned" : "") + "\n"
            }
            if heap.regions.count > 32 { out += "    … \(heap.regions.count - 32) more\n" }
        }
        if !heap.buckets.isEmpty {
            out += "  buckets:   block  chunks  blocks    live  free list  quarantined\n"
            for b in heap.buckets {
                out += "           " + [b.blockSize, b.chunks, b.blocks, b.live, b.free, b.quarantined]
                    .enumerated().map { String($0.element).leftPadded(to: [6, 7, 7, 7, 10, 12][$0.offset]) }
                    .joined(separator: " ") + "\n"
            }
        }
        if heap.pageAllocations > 0 { out += "  whole-page allocations: \(heap.pageAllocations)\n" }
        if !heap.live.isEmpty {
            out += "  live records:\n"
            for r in heap.live.prefix(32) {
                out += "    #\(r.sequence) \(r.address) \(r.size) bytes align \(r.align), \(r.placement), \(r.kext) \(r.function)\n"
            }
            if heap.live.count > 32 { out += "    … \(heap.live.count - 32) more\n" }
        }
        return out
    }

    private func render(_ memory: XmallocReport.GlobalMemory) -> String {
        let used = memory.regions.reduce(UInt64(0)) { $0 + $1.size }
        let free = memory.freeRanges.reduce(UInt64(0)) { $0 + $1.size }
        var out = "\nGALLOC HEAP \(ByteCount(memory.size)) at \(memory.start): \(memory.regions.count) regions, "
            + "\(ByteCount(used)) in regions, \(memory.regions.count) guard pages, \(ByteCount(free)) free in "
            + "\(memory.freeRanges.count) gaps"
        if let largest = memory.freeRanges.map(\.size).max() { out += " (largest \(ByteCount(largest)))" }
        return out + "\n"
    }
}
