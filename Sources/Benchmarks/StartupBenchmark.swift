import Foundation
#if canImport(Glibc)
import Glibc
#endif

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
        // posix_spawn and waitpid, not Foundation's Process: on Linux its waitUntilExit polls a
        // run loop and rounds every run up to about 50 ms, which hid the real start-up time.
        func best(_ url: URL, _ arguments: [String]) throws -> Double {
            var best = Double.infinity
            for _ in 0..<runs {
                let argv = ([url.path] + arguments).map { strdup($0) } + [nil]
                defer { argv.forEach { free($0) } }
                var actions = posix_spawn_file_actions_t()
                posix_spawn_file_actions_init(&actions)
                defer { posix_spawn_file_actions_destroy(&actions) }
                posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
                posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
                var pid: pid_t = 0
                let start = DispatchTime.now().uptimeNanoseconds
                let spawned = posix_spawn(&pid, url.path, &actions, nil, argv, environ)
                guard spawned == 0 else {
                    throw Failure.failed(([url.lastPathComponent] + arguments).joined(separator: " "), spawned)
                }
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
                let exited = (status & 0x7f) == 0
                guard exited && (status >> 8) & 0xff == 0 else {
                    throw Failure.failed(([url.lastPathComponent] + arguments).joined(separator: " "),
                                         exited ? (status >> 8) & 0xff : 128 + (status & 0x7f))
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
