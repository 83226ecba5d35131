import Foundation
import Kernel

/// Times a kernel-service call made through a kext's bound table against a direct C call
/// inside the same kext, in the same run: the cost of aixsim's per-kext binding.
public enum ServiceCallBenchmark {
    public struct Result: Codable, Sendable {
        public let iterations: Int
        public let repetitions: Int
        public let directCallNanoseconds: Double
        public let serviceCallNanoseconds: Double
        public var ratio: Double { serviceCallNanoseconds / directCallNanoseconds }
    }

    public enum Failure: Error, CustomStringConvertible {
        case load(LoadError)
        case missing(String)
        case faulted
        public var description: String {
            switch self {
            case .load(let e): e.description
            case .missing(let name): "the bench kext lacks \(name)"
            case .faulted: "the bench kext faulted"
            }
        }
    }

    public static func run(iterations: Int = 5_000_000, repetitions: Int = 3,
                           environment: KextBuildEnvironment = .init()) throws -> Result
    {
        // Past the first few calls the trace keeps only counts, as it does for any looping kext.
        let kext = try BenchKext(configuration: .init(traceLimit: 16), environment: environment)
        guard let direct = kext.function(named: "bench_direct_calls") else { throw Failure.missing("bench_direct_calls") }
        guard let service = kext.function(named: "bench_service_calls") else { throw Failure.missing("bench_service_calls") }

        func best(_ function: UnsafeMutableRawPointer) throws -> Double {
            var best = Double.infinity
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                guard kext.callLong(function, Int64(iterations)) != nil else { throw Failure.faulted }
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
                best = min(best, elapsed / Double(iterations))
            }
            return best
        }
        _ = try best(direct)   // warm up both paths once
        return Result(iterations: iterations, repetitions: repetitions,
                      directCallNanoseconds: try best(direct), serviceCallNanoseconds: try best(service))
    }
}
