import Foundation

/// Times `aixsim load hello` as a user runs it, a fresh process from spawn to exit, against
/// spawning `/bin/true` in the same run: what aixsim's start-up (runtime, kernel, compiling or
/// finding the sample, dlopen, CFG_INIT, CFG_TERM, the report) costs over a bare process.
public enum StartupBenchmark {
    public struct Result: Codable, Sendable {
        public let runs: Int
        public let loadHelloMilliseconds: Double
        public let binTrueMilliseconds: Double
        public var ratio: Double { loadHelloMilliseconds / binTrueMilliseconds }
    }

    public enum Failure: Error, CustomStringConvertible {
        case failed(String, Int32)
        public var description: String {
            switch self {
            case .failed(let what, let status): "\(what) exited with status \(status)"
            }
        }
    }

    /// `executable` is aixsim itself.
    public static func run(executable: URL, runs: Int = 3) throws -> Result {
        func best(_ url: URL, _ arguments: [String]) throws -> Double {
            var best = Double.infinity
            for _ in 0..<runs {
                let process = Process()
                process.executableURL = url
                process.arguments = arguments
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                let start = DispatchTime.now().uptimeNanoseconds
                try process.run()
                process.waitUntilExit()
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                guard process.terminationStatus == 0 else {
                    throw Failure.failed(([url.lastPathComponent] + arguments).joined(separator: " "),
                                         process.terminationStatus)
                }
                best = min(best, elapsed)
            }
            return best
        }
        // The first load may compile the sample; the best of the runs is the warm start.
        let load = try best(executable, ["load", "hello"])
        let bare = try best(URL(fileURLWithPath: "/bin/true"), [])
        return Result(runs: runs, loadHelloMilliseconds: load, binTrueMilliseconds: bare)
    }
}
