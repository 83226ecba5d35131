import CHostBench
import Foundation
import Kernel
import KextLoader
import Xmalloc

/// Times xmalloc+xmfree pairs made from inside the bench kext against the host's own
/// allocators in the same run: 64 bytes against malloc+free, 1 MB against mmap+munmap, at the
/// lowest debug level (minimal) and the highest (maximal).
public enum XmallocBenchmark {
    public struct Pair: Codable, Sendable {
        /// What was timed, e.g. `xmalloc+xmfree 64 bytes, minimal`.
        public let label: String
        public let baseline: String
        public let nanoseconds: Double
        public let baselineNanoseconds: Double
        public var ratio: Double { nanoseconds / baselineNanoseconds }
    }

    public struct Result: Codable, Sendable {
        public let smallIterations: Int
        public let largeIterations: Int
        public let pairs: [Pair]
    }

    public static func run(smallIterations: Int = 200_000, largeIterations: Int = 2_000, repetitions: Int = 3,
                           environment: KextBuildEnvironment = .init()) throws -> Result
    {
        func best(_ iterations: Int, _ body: () throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations))
            }
            return best
        }
        let malloc = best(smallIterations) { _ = aixsim_bench_malloc_pairs(smallIterations, 64) }
        let mmap = best(largeIterations) { _ = aixsim_bench_mmap_pairs(largeIterations, 1 << 20) }
        var pairs: [Pair] = []
        for level in [XmallocDebugLevel.minimal, .maximal] {
            let kext = try loadBench(level: level, environment: environment)
            let (small, large) = (kext.small, kext.large)
            let smallNs = try best(smallIterations) { try call(kext.kext, small, smallIterations) }
            let largeNs = try best(largeIterations) { try call(kext.kext, large, largeIterations) }
            pairs.append(Pair(label: "xmalloc+xmfree 64 bytes, \(level.rawValue)", baseline: "malloc+free 64 bytes",
                              nanoseconds: smallNs, baselineNanoseconds: malloc))
            pairs.append(Pair(label: "xmalloc+xmfree 1 MB, \(level.rawValue)", baseline: "mmap+munmap 1 MB",
                              nanoseconds: largeNs, baselineNanoseconds: mmap))
            withExtendedLifetime(kext.kext.kernel) {}
        }
        return Result(smallIterations: smallIterations, largeIterations: largeIterations, pairs: pairs)
    }

    private struct XmallocBench {
        let kext: BenchKext
        let small: UnsafeMutableRawPointer
        let large: UnsafeMutableRawPointer
    }

    private static func loadBench(level: XmallocDebugLevel, environment: KextBuildEnvironment) throws -> XmallocBench {
        // Past the first few calls the trace keeps only counts, as it does for any looping kext.
        var configuration = Kernel.Configuration(traceLimit: 16)
        configuration.xmalloc = XmallocSettings(debugLevel: level, seed: 1)
        let kext = try BenchKext(configuration: configuration, environment: environment, workName: "aixsim-xbench")
        guard let small = kext.function(named: "bench_xmalloc_pairs"),
              let large = kext.function(named: "bench_xmalloc_mb_pairs")
        else { throw ServiceCallBenchmark.Failure.missing("bench_xmalloc_pairs") }
        return XmallocBench(kext: kext, small: small, large: large)
    }

    private static func call(_ kext: BenchKext, _ function: UnsafeMutableRawPointer, _ n: Int) throws {
        guard kext.callLong(function, Int64(n)) == Int64(n) else {
            throw ServiceCallBenchmark.Failure.faulted
        }
    }
}
