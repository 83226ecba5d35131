import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One worker process: `aixsim load FILE --json …` in a process group of its own, so that on a
/// timeout the worker and the compiler it may have started die together. Its stdin is
/// /dev/null; its stdout and stderr are captured.
struct TestWorker {
    /// How a worker process ended.
    enum Ending: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        /// Still running at the deadline: its process group was killed.
        case timedOut
        /// It could not be started at all.
        case notStarted(String)
    }

    struct Output: Sendable {
        var ending: Ending
        var stdout: Data
        var stderr: Data
        var seconds: Double
    }

    let executable: String
    let arguments: [String]
    let timeout: Double

    func run() -> Output {
        let start = Date()
        var stdoutPipe: [Int32] = [0, 0]
        var stderrPipe: [Int32] = [0, 0]
        guard pipe(&stdoutPipe) == 0 else { return failed("pipe: \(String(cString: strerror(errno)))", start) }
        guard pipe(&stderrPipe) == 0 else {
            close(stdoutPipe[0]); close(stdoutPipe[1])
            return failed("pipe: \(String(cString: strerror(errno)))", start)
        }
        let spawned = spawn(stdout: stdoutPipe[1], stderr: stderrPipe[1])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        guard case .success(let pid) = spawned else {
            close(stdoutPipe[0]); close(stderrPipe[0])
            if case .failure(let message) = spawned { return failed(message.text, start) }
            return failed("spawn failed", start)
        }
        var stdout = Data()
        var stderr = Data()
        let ending = collect(pid: pid, stdoutFD: stdoutPipe[0], stderrFD: stderrPipe[0],
                             deadline: start.addingTimeInterval(timeout), stdout: &stdout, stderr: &stderr)
        return Output(ending: ending, stdout: stdout, stderr: stderr, seconds: Date().timeIntervalSince(start))
    }

    private func failed(_ message: String, _ start: Date) -> Output {
        Output(ending: .notStarted(message), stdout: Data(), stderr: Data(), seconds: Date().timeIntervalSince(start))
    }


    private func spawn(stdout: Int32, stderr: Int32) -> Result<pid_t, SpawnFailure> {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        // Group id 0: a new group led by the worker, so kill(-pid) reaches its children too.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        return spawnWorker(executable, arguments: arguments, environment: ProcessInfo.processInfo.environment,
                           actions: &actions, attributes: &attributes)
    }

    /// Drains both pipes until the worker exits or the deadline passes, then reaps it.
    private func collect(pid: pid_t, stdoutFD: Int32, stderrFD: Int32, deadline: Date,
                         stdout: inout Data, stderr: inout Data) -> Ending
    {
        var open: [Int32: Bool] = [stdoutFD: true, stderrFD: true]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var timedOut = false
        defer { close(stdoutFD); close(stderrFD) }
        while open.values.contains(true) {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                timedOut = true
                kill(-pid, SIGKILL)
                break
            }
            var fds = open.filter(\.value).keys.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining, 0.5) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                let count = read(entry.fd, &buffer, buffer.count)
                if count <= 0 {
                    open[entry.fd] = false
                } else if entry.fd == stdoutFD {
                    stdout.append(contentsOf: buffer[0..<count])
                } else {
                    stderr.append(contentsOf: buffer[0..<count])
                }
            }
        }
        // Both pipes closed: the worker has exited or is about to; it still gets until the
        // deadline to do so.
        var status: Int32 = 0
        while !timedOut {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { return Self.ending(status) }
            if reaped < 0 && errno != EINTR { return .notStarted("waitpid: \(String(cString: strerror(errno)))") }
            if deadline.timeIntervalSinceNow <= 0 {
                timedOut = true
                kill(-pid, SIGKILL)
            } else {
                usleep(10_000)
            }
        }
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return .timedOut
    }

    /// The wait status decoded by hand: the W* macros do not reach Swift.
    private static func ending(_ status: Int32) -> Ending {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}
