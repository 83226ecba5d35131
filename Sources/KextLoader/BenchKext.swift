import Foundation
import Kernel

/// The `bench` sample loaded into a kernel of its own, for the benchmarks: they time calls into
/// its functions without reaching into the loader.
public final class BenchKext {
    public let kernel: Kernel
    let loaded: LoadedKext

    /// Builds (or finds) the bench sample and loads it; CFG_INIT is not called.
    public init(configuration: Kernel.Configuration, environment: KextBuildEnvironment = .init(),
                workName: String = "aixsim-bench") throws
    {
        kernel = try Kernel(configuration: configuration)
        let work = FileManager.default.temporaryDirectory.appending(path: "\(workName)-\(getpid())")
        defer { try? FileManager.default.removeItem(at: work) }
        let resolved: KextRun.ResolvedKext
        do {
            resolved = try KextRun.resolve(LoadRequest(kext: "bench", environment: environment), workDirectory: work)
        } catch { throw ServiceCallBenchmark.Failure.load(error) }
        do {
            loaded = try LoadedKext(url: resolved.object, name: "bench", displayPath: resolved.displayPath,
                                    entrySymbol: "bench_entry", kernel: kernel)
        } catch { throw ServiceCallBenchmark.Failure.load(error) }
    }

    /// A function the bench kext exports, by name.
    public func function(named name: String) -> UnsafeMutableRawPointer? {
        loaded.function(named: name)
    }

    /// Calls `long f(long)` in the kext under the fault guard; nil when the call did not return.
    public func callLong(_ function: UnsafeMutableRawPointer, _ argument: Int64) -> Int64? {
        guard case .returned(let value) = loaded.callLongFunction(function, argument) else { return nil }
        return value
    }
}
