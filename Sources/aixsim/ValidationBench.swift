import Benchmarks
import Foundation

/// `aixsim bench`'s validation rows: a stress operation and an explore run, each with all cores
/// working against one worker alone. They run the campaigns in-process through the same
/// WorkerPool and workers the commands use, so the figures are the commands' own.
enum ValidationBenchmark {
    static func rows(executable: String) -> [BenchRow] {
        let cores = max(2, ProcessInfo.processInfo.activeProcessorCount)
        return [stressRow(executable: executable, cores: cores)]
            + ["hello", "heapwar"].map { exploreRow(kext: $0, executable: executable, cores: cores) }
    }

    /// Nanoseconds per operation, checks on, with `jobs` workers sharing `seeds` seeds. Both
    /// rows run the same seeds, so the ratio is the speed-up alone; runs long enough that a
    /// worker's start-up is a small part of each.
    static func stressNanoseconds(executable: String, jobs: Int, seeds: Int = 4, ops: Int = 20_000) -> Double {
        let campaign = StressCampaign(executable: executable, arguments: ["--ops", String(ops), "--out", NSTemporaryDirectory()],
                                      timeout: 600)
        let start = Date()
        let records = WorkerPool<StressSeedRecord>(count: seeds, body: { campaign.run(seed: UInt64($0 + 1)) }).run(jobs: jobs)
        let operations = records.compactMap(\.report?.operations).reduce(0, +)
        return Date().timeIntervalSince(start) * 1e9 / Double(max(operations, 1))
    }

    static func stressRow(executable: String, cores: Int) -> BenchRow {
        BenchRow(id: "stressOperation", measure: "stress op, checks on, \(cores) workers",
                 nanoseconds: stressNanoseconds(executable: executable, jobs: cores),
                 baseline: "stress op, 1 worker", baselineNanoseconds: stressNanoseconds(executable: executable, jobs: 1),
                 goal: nil)
    }

    /// Nanoseconds per explore run (failslab over the first calls, random runs), after the
    /// baseline run the plan needs, which runs alone whatever `--jobs` says.
    static func exploreNanoseconds(kext: String, executable: String, jobs: Int) -> Double {
        let explorer = Explorer(kext: kext, executable: executable, timeout: 600)
        let plan = ExplorePlan(modes: [.failslab, .random], randomRuns: 12, seed: 1, common: [], maxFailslabCalls: 4)
        let baseline = explorer.perform(ExploreRun(index: 0, mode: .baseline, options: []))
        let runs = plan.runs(baselineCallCounts: baseline.report?.callCounts ?? [:]).dropFirst()
        let start = Date()
        _ = WorkerPool<ExploreRecord>(count: runs.count, body: { explorer.perform(runs[runs.startIndex + $0]).record })
            .run(jobs: jobs)
        return Date().timeIntervalSince(start) * 1e9 / Double(runs.count)
    }

    static func exploreRow(kext: String, executable: String, cores: Int) -> BenchRow {
        BenchRow(id: "explore-\(kext)", measure: "explore run, \(kext), \(cores) workers",
                 nanoseconds: exploreNanoseconds(kext: kext, executable: executable, jobs: cores),
                 baseline: "explore run, \(kext), 1 worker",
                 baselineNanoseconds: exploreNanoseconds(kext: kext, executable: executable, jobs: 1), goal: nil)
    }
}
