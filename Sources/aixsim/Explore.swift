import ArgumentParser
import Foundation
import KextLoader

extension AIXSim {
    struct Explore: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a kext many times, varying what the kernel controls, and show each distinct failure once.",
            discussion: """
                A baseline run counts the kext's allocation calls and their call sites; failslab \
                then fails each xmalloc and vm_galloc call once (--fail SERVICE:nth=N), failsite \
                the first call from each call site (--fail SERVICE:site=FUNCTION+0xOFFSET), arrival \
                lets a kext's pending timers come due after each of its service calls in turn \
                (--arrival-call K), and random runs draw the xmalloc debug level and seed, failure \
                probabilities, real-memory size, run time and arrival point from a seed. Every run is an `aixsim load … --json` worker; each failure is printed with \
                the shortest command found that reproduces it. See docs/validation.md.

                Exit status: 0 when no run failed; 1 for a load error; 2 when some run crashed, \
                ended with findings, or its worker died; 64 for a usage error.
                """)

        @Argument(help: "The kext: a sample name, a .c file or a .so file.")
        var kext: String

        @Option(help: "Which runs to make: failslab, failsite, arrival, random or all.")
        var mode: ModeArgument = .all

        @Option(help: "How many random runs.")
        var runs: Int = 20

        @Option(help: "The first random run's seed; run k uses SEED+k.")
        var seed: UInt64 = 1

        @Option(help: "At most this many failslab runs per allocating service, failsite runs per service, and arrival runs.")
        var maxCalls: Int = 200

        @Option(help: "--data for every run.")
        var data: String?

        @Option(help: "--run-for for every run (a random run's own --run-for replaces it).")
        var runFor: String?

        @Option(help: "--galloc-heap for every run.")
        var gallocHeap: String?

        @Option(name: .customLong("interrupt"), help: "--interrupt for every run (repeatable); arrival runs bring the first of each level in after each service call in turn.")
        var interrupts: [String] = []

        @OptionGroup var campaign: CampaignOptions
        @OptionGroup var output: OutputOptions

        enum ModeArgument: String, ExpressibleByArgument, CaseIterable {
            case failslab, failsite, arrival, random, all
            var modes: Set<ExploreRun.Mode> {
                switch self {
                case .failslab: [.failslab]
                case .failsite: [.failsite]
                case .arrival: [.arrival]
                case .random: [.random]
                case .all: [.failslab, .failsite, .arrival, .random]
                }
            }
        }

        func validate() throws {
            try campaign.validate()
            guard runs >= 0 else { throw ValidationError("--runs must not be negative.") }
            guard maxCalls >= 1 else { throw ValidationError("--max-calls must be at least 1.") }
            for text in interrupts where InterruptRequest(parsing: text) == nil {
                throw ValidationError("--interrupt takes LEVEL[@TIME][xCOUNT], e.g. 5 or 5@10ms or 5x3, not '\(text)'.")
            }
        }

        func run() throws {
            var common: [String] = []
            if let data { common += ["--data", data] }
            if let runFor { common += ["--run-for", runFor] }
            if let gallocHeap { common += ["--galloc-heap", gallocHeap] }
            for interrupt in interrupts { common += ["--interrupt", interrupt] }
            let plan = ExplorePlan(modes: mode.modes, randomRuns: runs, seed: seed, common: common,
                                   maxFailslabCalls: maxCalls)
            let start = Date()
            let explorer = Explorer(kext: kext, executable: Test.executable, timeout: campaign.timeout)
            let baseline = explorer.perform(ExploreRun(index: 0, mode: .baseline, options: common))
            guard let report = baseline.report, report.outcome != .loadError else {
                var stderr = StandardError()
                print("aixsim: \(baseline.report?.error ?? "the baseline run gave no report: \(baseline.record.signatures.joined())")",
                      to: &stderr)
                throw ExitCode(1)
            }
            let all = plan.runs(baselineCallCounts: report.callCounts, sites: report.allocationSites ?? [:])
            let mine = campaign.shard.runs(of: all.count).map { all[$0] }
            let progress = TestProgress(style: TestProgress.style(quietUnlessTerminal: output.json), total: mine.count)
            let pool = WorkerPool<ExploreRecord>(count: mine.count, body: { index in
                // The baseline already ran; running it again would only cost time.
                mine[index].index == 0 ? baseline.record : explorer.perform(mine[index]).record
            }, finished: { _, record in
                progress.update(name: record.reproduce, failed: !record.signatures.isEmpty)
            })
            let records = pool.run(jobs: campaign.jobs)
            progress.finish()
            try campaign.writeResults(records)
            let summary = ExploreSummary(records, seconds: Date().timeIntervalSince(start), jobs: campaign.jobs)
            if output.json { try printJSON(summary) } else { print(summary.text, terminator: "") }
            if summary.failingRuns > 0 { throw ExitCode(2) }
        }
    }
}

/// Runs one exploration run in a worker and reads its report.
struct Explorer: Sendable {
    let kext: String
    let executable: String
    let timeout: Double

    struct Performed: Sendable {
        var record: ExploreRecord
        var report: RunReport?
    }

    func perform(_ run: ExploreRun) -> Performed {
        let output = TestWorker(executable: executable, arguments: ["load", kext, "--json"] + run.options,
                                timeout: timeout).run()
        var record = ExploreRecord(kext: kext, run: run, outcome: "", signatures: [], seconds: output.seconds)
        let report: RunReport?
        if case .exited = output.ending {
            report = try? JSONDecoder().decode(RunReport.self, from: output.stdout)
        } else {
            report = nil
        }
        if let report {
            record.outcome = report.outcome.rawValue
            record.signatures = FailureSignature.of(report)
        } else {
            let observation = RunObservation(output, timeout: timeout)
            record.outcome = "worker-failure"
            record.signatures = FailureSignature.of(observation)
        }
        return Performed(record: record, report: report)
    }
}
