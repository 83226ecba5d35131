import Testing
@testable import Validation

@Suite("Stress plot series")
struct StressSeriesTests {
    static func sample(_ step: Int, faults: Int) -> StressSample {
        StressSample(step: step, gallocRun: step, gallocKernelHeap: 0, gallocPinnedHeap: 0, liveKernelHeap: 0,
                     livePinnedHeap: 0, livePrivate: 0, pinnedPages: 0, pageFaults: faults)
    }

    @Test("A million samples become at most the asked columns, and a one-sample spike survives as a column's max")
    func downsampleKeepsExtremes() {
        let samples = (0..<1_000_000).map { Self.sample($0, faults: $0 == 654_321 ? 99 : 1) }
        let series = StressSeries(samples, columns: 600)
        #expect(series.columns.count <= 600 && series.columns.count >= 590)
        let faults = StressSeries.quantities.firstIndex { $0.name == "page faults" }!
        #expect(series.columns.map { $0.high[faults] }.max() == 99)
        #expect(series.columns.filter { $0.high[faults] == 99 }.count == 1)
        #expect(series.columns.allSatisfy { $0.low[faults] == 1 })
        #expect(series.columns.first?.firstStep == 0 && series.columns.last?.lastStep == 999_999)
        // Columns tile the steps without gaps or overlap.
        #expect(zip(series.columns, series.columns.dropFirst()).allSatisfy { $0.lastStep + 1 == $1.firstStep })
    }

    @Test("Fewer samples than columns: one column each; none: no columns")
    func fewSamples() {
        #expect(StressSeries((0..<10).map { Self.sample($0, faults: 0) }, columns: 600).columns.count == 10)
        #expect(StressSeries([], columns: 600).columns.isEmpty)
    }
}
