import ArgumentParser
import Foundation
import Benchmarks
import KextLoader

extension AIXSim {
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure aixsim's costs against baselines measured in the same run.",
            discussion: """
                Each figure is the best of several repetitions, next to its baseline from the same \
                run, so the ratio holds even on a busy machine. Build with `-c release` for figures \
                worth quoting; docs/performance.md explains each row.
                """)

        @Option(help: "Calls per repetition.")
        var iterations = 5_000_000

        @Option(help: "Repetitions; the best is reported.")
        var repetitions = 3

        @Option(name: .customLong("xmalloc-iterations"), help: "xmalloc+xmfree pairs of 64 bytes per repetition (1 MB pairs: a hundredth as many).")
        var xmallocIterations = 200_000

        @Option(name: .customLong("touch-pages"), help: "Pages first-touched per repetition (galloc and host).")
        var touchPages = 4_096

        @Flag(name: .customLong("no-startup"), help: "Skip timing `aixsim load hello` in a fresh process.")
        var noStartup = false

        @Flag(help: "Add the validation rows: stress operations and explore runs, all cores against one worker (slow).")
        var validation = false

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard iterations > 0, repetitions > 0, xmallocIterations > 0, touchPages > 0 else {
                throw ValidationError("--iterations, --repetitions, --xmalloc-iterations and --touch-pages must be positive.")
            }
        }

        func run() throws {
            let call: ServiceCallBenchmark.Result
            let xmalloc: XmallocBenchmark.Result
            let galloc: GallocBenchmark.Result
            var startup: StartupBenchmark.Result?
            do {
                call = try ServiceCallBenchmark.run(iterations: iterations, repetitions: repetitions)
                xmalloc = try XmallocBenchmark.run(smallIterations: xmallocIterations,
                                                   largeIterations: max(1, xmallocIterations / 100),
                                                   repetitions: repetitions)
                galloc = try GallocBenchmark.run(pairs: max(1, xmallocIterations / 100), touchedPages: touchPages,
                                                 repetitions: repetitions)
                if !noStartup {
                    startup = try StartupBenchmark.run(executable: Self.executable, runs: repetitions)
                }
            } catch {
                var stderr = StandardError()
                print("aixsim: bench: \(error)", to: &stderr)
                throw ExitCode(1)
            }
            let mmu = MMUBenchmark.run(iterations: min(iterations, 1_000_000), repetitions: repetitions)
            let rows = BenchRow.rows(
                call: .init(direct: call.directCallNanoseconds, service: call.serviceCallNanoseconds),
                xmalloc: xmalloc, mmu: mmu, galloc: galloc, startup: startup)
                + (validation ? ValidationBenchmark.rows(executable: Self.executable.path) : [])
            #if DEBUG
            let build = "debug"
            #else
            let build = "release"
            #endif
            if output.json {
                struct Report: Encodable {
                    let build: String
                    let repetitions: Int
                    /// Every figure with its baseline, ratio and goal.
                    let rows: [BenchRow]
                    let serviceCall: ServiceCallBenchmark.Result
                    let serviceCallRatio: Double
                    let xmalloc: XmallocBenchmark.Result
                    let mmu: MMUBenchmark.Result
                    let galloc: GallocBenchmark.Result
                    let startup: StartupBenchmark.Result?
                    let translationHitsPerSecond: Double
                    let translationMissesPerSecond: Double
                    let cacheHitRatio: Double
                    let cacheMissRatio: Double
                }
                try printJSON(Report(build: build, repetitions: repetitions, rows: rows, serviceCall: call,
                                     serviceCallRatio: call.ratio, xmalloc: xmalloc, mmu: mmu, galloc: galloc,
                                     startup: startup, translationHitsPerSecond: mmu.hitsPerSecond,
                                     translationMissesPerSecond: mmu.missesPerSecond,
                                     cacheHitRatio: mmu.hitRatio, cacheMissRatio: mmu.missRatio))
                return
            }
            print("aixsim bench (\(build) build; best of \(repetitions); \(call.iterations) calls, "
                + "\(xmalloc.smallIterations) small and \(xmalloc.largeIterations) large xmalloc pairs, "
                + "\(mmu.iterations) translations, \(galloc.touchedPages) touched pages)\n")
            print(pad("measure", 40) + pad("time", 13) + pad("baseline (same run)", 32) + pad("time", 13)
                + pad("ratio", 9) + "goal")
            for row in rows {
                let goal = row.goal.map { "\($0) \(row.meetsGoal == true ? "met" : "missed")" } ?? ""
                print(pad(row.measure, 40) + pad(time(row.nanoseconds), 13) + pad(row.baseline, 32)
                    + pad(time(row.baselineNanoseconds), 13) + pad(String(format: "%.2f×", row.ratio), 9) + goal)
            }
            print("\nHost memory of a \(mmu.heapBytes >> 30) GiB galloc heap (one region) with \(mmu.touchedBytes >> 10) KiB touched in 256 scattered pages:")
            print("  RSS growth                           \(mmu.rssGrowthBytes >> 10) KiB")
            print("  page-state table (size)              \(mmu.pageStateTableBytes >> 10) KiB (one byte per allocated page; untouched parts cost no RSS)")
            if build == "debug" {
                print("\nThis is a debug build; run `swift run -c release aixsim bench` for representative figures.")
            }
        }

        /// aixsim's own executable, for the start-up row.
        static var executable: URL {
            URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        }

        private func pad(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }

        private func time(_ ns: Double) -> String {
            if ns >= 1e6 { return String(format: "%.2f ms", ns / 1e6) }
            if ns >= 1e4 { return String(format: "%.1f µs", ns / 1e3) }
            return String(format: "%.1f ns", ns)
        }
    }
}
