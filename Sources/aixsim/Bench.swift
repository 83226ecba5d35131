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
                worth quoting.
                """)

        @Option(help: "Calls per repetition.")
        var iterations = 5_000_000

        @Option(help: "Repetitions; the best is reported.")
        var repetitions = 3

        @Option(name: .customLong("xmalloc-iterations"), help: "xmalloc+xmfree pairs of 64 bytes per repetition (1 MB pairs: a hundredth as many).")
        var xmallocIterations = 200_000

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard iterations > 0, repetitions > 0 else {
                throw ValidationError("--iterations and --repetitions must be positive.")
            }
        }

        func run() throws {
            let result: ServiceCallBenchmark.Result
            let xmalloc: XmallocBenchmark.Result
            do {
                result = try ServiceCallBenchmark.run(iterations: iterations, repetitions: repetitions)
                xmalloc = try XmallocBenchmark.run(smallIterations: xmallocIterations,
                                                   largeIterations: max(1, xmallocIterations / 100),
                                                   repetitions: repetitions)
            } catch {
                var stderr = StandardError()
                print("aixsim: bench: \(error)", to: &stderr)
                throw ExitCode(1)
            }
            let mmu = MMUBenchmark.run(iterations: min(iterations, 1_000_000), repetitions: repetitions)
            #if DEBUG
            let build = "debug"
            #else
            let build = "release"
            #endif
            if output.json {
                struct Report: Encodable {
                    let build: String
                    let serviceCall: ServiceCallBenchmark.Result
                    let serviceCallRatio: Double
                    let xmalloc: XmallocBenchmark.Result
                    let mmu: MMUBenchmark.Result
                    let translationHitsPerSecond: Double
                    let translationMissesPerSecond: Double
                    let cacheHitRatio: Double
                    let cacheMissRatio: Double
                }
                try printJSON(Report(build: build, serviceCall: result, serviceCallRatio: result.ratio, xmalloc: xmalloc,
                                     mmu: mmu, translationHitsPerSecond: mmu.hitsPerSecond,
                                     translationMissesPerSecond: mmu.missesPerSecond,
                                     cacheHitRatio: mmu.hitRatio, cacheMissRatio: mmu.missRatio))
                return
            }
            print("aixsim bench (\(build) build; best of \(result.repetitions) × \(result.iterations) calls)\n")
            print("Kernel-service call from a kext, through its bound table, vs a direct C call in the same kext:")
            print("  direct C call                        \(format(result.directCallNanoseconds)) ns/call")
            print("  vm_gfree (EINVAL) through the table  \(format(result.serviceCallNanoseconds)) ns/call")
            print("  ratio                                \(String(format: "%.1f", result.ratio))×")
            printXmalloc(xmalloc)
            print("\nTranslation through the software MMU vs a dictionary lookup of the same page keys (\(mmu.iterations) lookups):")
            print("  Dictionary<UInt64, UInt64> lookup    \(format(mmu.dictionaryNanoseconds)) ns/lookup")
            print("  translate, cache hit                 \(format(mmu.cacheHitNanoseconds)) ns   \(rate(mmu.hitsPerSecond)) hits/s   \(String(format: "%.1f", mmu.hitRatio))×")
            print("  translate, cache miss (HTAB search)  \(format(mmu.cacheMissNanoseconds)) ns   \(rate(mmu.missesPerSecond)) misses/s   \(String(format: "%.1f", mmu.missRatio))×")
            print("\nHost memory of a \(mmu.heapBytes >> 30) GiB galloc heap (one region) with \(mmu.touchedBytes >> 10) KiB touched in 256 scattered pages:")
            print("  RSS growth                           \(mmu.rssGrowthBytes >> 10) KiB")
            print("  page-state table (size)              \(mmu.pageStateTableBytes >> 10) KiB (one byte per allocated page; untouched parts cost no RSS)")
            if build == "debug" {
                print("\nThis is a debug build; run `swift run -c release aixsim bench` for representative figures.")
            }
        }

        private func printXmalloc(_ x: XmallocBenchmark.Result) {
            print("\nxmalloc+xmfree from the bench kext vs the host's allocators (\(x.smallIterations) small, "
                + "\(x.largeIterations) large pairs):")
            for pair in x.pairs {
                let label = pair.label.padding(toLength: 36, withPad: " ", startingAt: 0)
                let baseline = pair.baseline.padding(toLength: 22, withPad: " ", startingAt: 0)
                print("  \(label) \(format(pair.nanoseconds)) ns   \(baseline) \(format(pair.baselineNanoseconds)) ns   "
                    + "ratio \(String(format: "%.1f", pair.ratio))×")
            }
        }

        private func rate(_ perSecond: Double) -> String {
            String(format: "%.2fM", perSecond / 1e6)
        }

        private func format(_ ns: Double) -> String {
            String(format: "%6.1f", ns)
        }
    }
}
