import ArgumentParser
import Foundation
import Kernel
import Validation
import Xmalloc

extension AIXSim {
    struct Stress: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a seeded random xmalloc/galloc/pin workload, checking every step against a reference model.",
            discussion: """
                Some operations are done by an off-level handler (i_sched) or a timer (talloc, \
                tstart) the run schedules, doing only what AIX allows at interrupt level. With \
                --real-memory, touches page regions out and back, and each pin's ENOMEM is checked \
                against the frames left to pin. \
                The same seed gives the same run; the summary prints a digest of the operation trace. \
                A violation is shrunk to a minimal operation sequence and written out as a replay file \
                (aixsim stress --replay FILE) and as a C kext (aixsim load FILE.c). See docs/validation.md.

                Exit status: 0 when every invariant held; 2 when one broke; 64 for a usage error.
                """)

        @Option(help: "The workload's seed.")
        var seed: UInt64 = 1

        @Option(help: "How many operations to run.")
        var ops: Int = 10_000

        @Option(help: "Check every invariant after this many operations (cheap checks run after each).")
        var checkEvery: Int = 100

        @Option(help: "Exhaust the galloc heap after every this many operations and after the final free, then check freeing restores it.")
        var exhaust: Int?

        @Option(help: "The galloc heap's size, such as 64M.")
        var gallocHeap: ByteSizeArgument = ByteSizeArgument(bytes: 64 << 20)

        @Option(help: "Simulated real memory, such as 8M, so paging meets pinning.")
        var realMemory: ByteSizeArgument?

        @Option(name: .customLong("fail"), help: "Inject failures, as for load: xmalloc:nth=N, vm_galloc:p=P…")
        var failures: [String] = []

        @Option(help: "Replay a file a failing run wrote instead of generating operations.")
        var replay: String?

        @Option(help: "Where a failing run writes its replay file and C kext.")
        var out: String = "."

        @Option(help: .hidden)
        var plantBug: [String] = []

        @Option(help: ArgumentHelp("Draw the run over time (galloc bytes by owner, live xmalloc bytes per heap, fragmentation, pinned pages, faults): FILE.svg, or FILE.png via rsvg-convert.", valueName: "file.svg|file.png"))
        var plot: String?

        @Option(help: "Run this many seeds, SEED, SEED+1, …, each in a worker process (default with --jobs: one per job).")
        var seeds: Int?

        @OptionGroup var campaign: CampaignOptions

        @OptionGroup var output: OutputOptions

        func validate() throws {
            try campaign.validate()
            if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, not \(seeds).") }
            if plot != nil && (seeds != nil || campaign.asked) {
                throw ValidationError("--plot draws one run; it takes no --seeds, --jobs, --shard or --results.")
            }
            if replay != nil && (seeds != nil || campaign.asked) {
                throw ValidationError("--replay reruns one recorded run; it takes no --seeds, --jobs, --shard or --results.")
            }
            guard ops > 0 else { throw ValidationError("--ops must be at least 1, not \(ops).") }
            guard checkEvery >= 0 else { throw ValidationError("--check-every must not be negative.") }
            if let exhaust, exhaust < 0 { throw ValidationError("--exhaust must not be negative.") }
            for rule in failures where FaultInjection(parsing: rule) == nil {
                throw ValidationError("--fail takes a rule such as xmalloc:nth=3 or vm_galloc:p=0.01, not '\(rule)'.")
            }
            let known = Set(XmallocFaultHooks.named.map(\.name))
            for bug in plantBug where !known.contains(bug) {
                throw ValidationError("--plant-bug takes one of \(known.sorted().joined(separator: ", ")), not '\(bug)'.")
            }
        }

        func run() throws {
            if seeds != nil || campaign.asked { return try runCampaign() }
            let (configuration, operations) = try plan()
            let start = Date()
            // Enough samples for every plot column to see several; a million would cost memory.
            let sampleEvery = plot.map { _ in max(1, operations.count / (StressPlotSVG.columns * 8)) }
            let runner = try StressRunner(configuration: configuration, sampleEvery: sampleEvery)
            let outcome = runner.run(operations)
            let seconds = Date().timeIntervalSince(start)
            if let plot { try writePlot(outcome, to: plot) }
            var report = StressReport(outcome: outcome, seconds: seconds)
            if let violation = outcome.violation {
                do {
                    report.reproduction = try StressReproduction.write(
                        configuration: configuration, operations: operations, violation: violation, directory: out)
                } catch {
                    var stderr = StandardError()
                    print("aixsim: cannot write the reproduction into \(out): \((error as NSError).localizedDescription)", to: &stderr)
                }
            }
            if output.json {
                try printJSON(report)
            } else {
                print(report.text, terminator: "")
            }
            if outcome.violation != nil { throw ExitCode(2) }
        }

        private func writePlot(_ outcome: StressOutcome, to path: String) throws {
            let svg = StressPlotSVG(series: StressSeries(outcome.samples, columns: StressPlotSVG.columns),
                                    title: "aixsim stress --seed \(outcome.configuration.seed): "
                                        + "\(outcome.operationsRun) operations",
                                    operations: outcome.operationsRun).svg
            do {
                if path.lowercased().hasSuffix(".png") {
                    try PNGConverter.write(svg: svg, to: path)
                } else {
                    try svg.write(toFile: path, atomically: true, encoding: .utf8)
                }
            } catch {
                var stderr = StandardError()
                print("aixsim: cannot write \(path): \(error)", to: &stderr)
                throw ExitCode(1)
            }
        }

        /// Many seeds in worker processes, one merged summary.
        private func runCampaign() throws {
            var arguments = ["--ops", String(ops), "--check-every", String(checkEvery),
                             "--galloc-heap", String(gallocHeap.bytes), "--out", out]
            if let realMemory { arguments += ["--real-memory", String(realMemory.bytes)] }
            if let exhaust { arguments += ["--exhaust", String(exhaust)] }
            arguments += failures.flatMap { ["--fail", $0] } + plantBug.flatMap { ["--plant-bug", $0] }
            let count = seeds ?? campaign.jobs
            let mine = campaign.shard.runs(of: count).map { seed &+ UInt64($0) }
            let stress = StressCampaign(executable: Test.executable, arguments: arguments, timeout: campaign.timeout)
            let progress = TestProgress(style: TestProgress.style(quietUnlessTerminal: output.json), total: mine.count)
            let start = Date()
            let records = WorkerPool<StressSeedRecord>(count: mine.count, body: { stress.run(seed: mine[$0]) },
                                                       finished: { _, record in
                progress.update(name: record.reproduce, failed: record.report?.violation != nil || record.workerFailure != nil)
            }).run(jobs: campaign.jobs)
            progress.finish()
            try campaign.writeResults(records)
            let summary = StressCampaignSummary(records, seconds: Date().timeIntervalSince(start), jobs: campaign.jobs)
            if output.json { try printJSON(summary) } else { print(summary.text, terminator: "") }
            if summary.failingSeeds > 0 { throw ExitCode(2) }
        }

        /// The configuration and operations: from the replay file, or from the seed.
        private func plan() throws -> (StressConfiguration, [StressOperation]) {
            if let replay {
                let file = try StressReplay.decode(try Data(contentsOf: URL(fileURLWithPath: replay)))
                return (file.configuration, file.operations)
            }
            let configuration = StressConfiguration(
                seed: seed, operations: ops, checkEvery: checkEvery, gallocHeapBytes: gallocHeap.bytes,
                realMemoryBytes: realMemory?.bytes, failures: failures, plantedBugs: plantBug, exhaustEvery: exhaust)
            var workload = StressWorkload(seed: seed)
            return (configuration, workload.operations(ops))
        }
    }
}

/// A size on the command line, such as 64M: parsed once, by the argument parser.
struct ByteSizeArgument: ExpressibleByArgument, Sendable {
    let bytes: UInt64
    init(bytes: UInt64) { self.bytes = bytes }
    init?(argument: String) {
        guard let bytes = ByteCount.parse(argument), bytes >= 4096 else { return nil }
        self.bytes = bytes
    }
}
