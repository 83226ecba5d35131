import Foundation
import Kernel
import KextLoader
#if canImport(Glibc)
import Glibc
#endif

/// The supervisor side of `aixsim load`: runs this executable again as a worker process, reads
/// the worker's stream, and always ends with one complete report, even when the kext killed,
/// hung or exited the worker.
struct Supervisor {
    /// What the report names the kext when the worker never said (it died before loading it).
    let kextPath: String
    let entry: String?
    /// Host time without any record from the worker after which it is killed as hung.
    let watchdog: Duration
    /// Host time a whole run may take.
    let timeLimit: Duration
    /// Resident host memory the worker may use, in bytes.
    var memoryLimit: UInt64 = 4 << 30

    /// How the supervised run ended: the report to print and the exit status.
    struct Ending {
        var report: RunReport
        var status: Int32
    }

    func run() -> Ending {
        var channel: [Int32] = [0, 0]
        var errors: [Int32] = [0, 0]
        guard pipe(&channel) == 0, pipe(&errors) == 0 else {
            return failed("cannot create the worker's pipes: \(String(cString: strerror(errno)))")
        }
        // Ctrl-C and kill reach the supervisor only; it ends the worker and reports.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&stopSignals, s) }
        var previousMask = sigset_t()
        pthread_sigmask(SIG_BLOCK, &stopSignals, &previousMask)
        defer { pthread_sigmask(SIG_SETMASK, &previousMask, nil) }

        let spawned = spawn(channel: channel[1], errors: errors[1])
        close(channel[1])
        close(errors[1])
        guard case .success(let pid) = spawned else {
            close(channel[0]); close(errors[0])
            if case .failure(let f) = spawned { return failed(f.text) }
            return failed("cannot start the worker")
        }
        var stream = StreamState()
        let ending = watch(pid: pid, channel: channel[0], errors: errors[0], stop: stopSignals, stream: &stream)
        // Whatever the worker left behind (a child it forked) goes with it.
        kill(-pid, SIGKILL)
        close(channel[0])
        close(errors[0])
        // A worker that reported removed its own build directory (or kept it for --keep); one
        // that died could not.
        if stream.report == nil { Self.removeWorkDirectories(of: pid) }
        // What the worker said on stderr (the compiler's warnings about the kext) is the user's
        // to read, before the report, as it would be without a worker.
        if !stream.stderr.isEmpty { FileHandle.standardError.write(stream.stderr) }
        if let report = stream.report {
            return Ending(report: report, status: report.exitStatus)
        }
        return synthesised(from: stream, ending: ending)
    }

    /// Why the worker stopped without sending its report.
    enum WorkerEnd {
        case exited(Int32)
        case signalled(Int32)
        case hung
        case overTime
        /// The worker's resident memory passed the limit; what it had reached.
        case overMemory(UInt64)
        case interrupted(Int32)
    }

    /// What the stream has said so far.
    struct StreamState {
        var buffer = Data()
        var calls: [CallRecord] = []
        var callsMade = 0
        var console: [String] = []
        var events: [KernelEvent] = []
        var findings: [Finding] = []
        var phase: String?
        var report: RunReport?
        var stderr = Data()
        var signal: WorkerSignal?

        mutating func take(_ bytes: ArraySlice<UInt8>) {
            buffer.append(contentsOf: bytes)
            let decoder = JSONDecoder()
            while let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = Data(buffer[buffer.index(after: newline)...])
                guard let record = try? decoder.decode(WorkerRecord.self, from: line) else { continue }
                if let c = record.call {
                    calls.append(c)
                    callsMade = max(callsMade, c.sequence)
                }
                if let text = record.console { console.append(text) }
                if let e = record.event { events.append(e) }
                if let f = record.finding { findings.append(f) }
                if let p = record.phase { phase = p }
                if let n = record.calls { callsMade = max(callsMade, n) }
                if let r = record.report { report = r }
                if let s = record.signal { signal = s }
            }
        }
    }

    private func watch(pid: pid_t, channel: Int32, errors: Int32, stop: sigset_t,
                       stream: inout StreamState) -> WorkerEnd
    {
        let start = ContinuousClock.now
        var lastHeard = start
        var lastMemoryCheck = start
        var open: Set<Int32> = [channel, errors]
        var buffer = [UInt8](repeating: 0, count: 65536)
        var status: Int32 = 0
        while true {
            var pending = sigset_t()
            sigpending(&pending)
            for s in [SIGINT, SIGTERM, SIGHUP] where sigismember(&pending, s) == 1 {
                var one = sigset_t()
                sigemptyset(&one)
                sigaddset(&one, s)
                var taken: Int32 = 0
                sigwait(&one, &taken)
                kill(-pid, SIGKILL)
                reap(pid, &status)
                drain(channel, into: &stream, buffer: &buffer)
                return .interrupted(s)
            }
            let now = ContinuousClock.now
            if now - lastHeard > watchdog + .seconds(2) {
                kill(-pid, SIGKILL)
                reap(pid, &status)
                return .hung
            }
            if now - start > timeLimit {
                kill(-pid, SIGKILL)
                reap(pid, &status)
                return .overTime
            }
            if now - lastMemoryCheck >= .milliseconds(100) {
                lastMemoryCheck = now
                if let resident = Self.residentBytes(of: pid), resident > memoryLimit {
                    kill(-pid, SIGKILL)
                    reap(pid, &status)
                    drain(channel, into: &stream, buffer: &buffer)
                    return .overMemory(resident)
                }
            }
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), fds.isEmpty ? 50 : 100)
            if ready > 0 {
                for entry in fds where entry.revents != 0 {
                    let n = read(entry.fd, &buffer, buffer.count)
                    if n <= 0 {
                        open.remove(entry.fd)
                    } else if entry.fd == channel {
                        lastHeard = ContinuousClock.now
                        stream.take(buffer[0..<n])
                    } else if stream.stderr.count < 65536 {
                        stream.stderr.append(contentsOf: buffer[0..<n])
                    }
                }
            }
            if stream.report != nil {
                // The worker ends itself right after its report.
                reap(pid, &status)
                return .exited((status >> 8) & 0xff)
            }
            if open.isEmpty || ready == 0 {
                let reaped = waitpid(pid, &status, WNOHANG)
                if reaped == pid {
                    drain(channel, into: &stream, buffer: &buffer)
                    let signal = status & 0x7f
                    return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
                }
            }
        }
    }

    /// Reads what is left without waiting: a child the kext forked may hold the pipe open.
    private func drain(_ fd: Int32, into stream: inout StreamState, buffer: inout [UInt8]) {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return }
            stream.take(buffer[0..<n])
        }
    }

    private func reap(_ pid: pid_t, _ status: inout Int32) {
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// The report of a worker that ended without sending its own.
    private func synthesised(from stream: StreamState, ending: WorkerEnd) -> Ending {
        let name = URL(fileURLWithPath: kextPath).deletingPathExtension().lastPathComponent
        var report = RunReport(outcome: .crash)
        report.kext = .init(name: stream.calls.first?.kext ?? name, path: kextPath, entry: entry ?? "")
        report.calls = stream.calls
        report.callsNotShown = max(0, stream.callsMade - stream.calls.count)
        report.callCounts = stream.calls.reduce(into: [String: Int]()) { $0[$1.service, default: 0] += 1 }
        report.console = stream.console
        report.events = stream.events
        report.findings = stream.findings
        let kext = report.kext?.name ?? name
        let lastCall = stream.calls.last.map { " Its last traced call was \($0.service) (call \($0.sequence))." } ?? ""
        let (kind, message, explanation): (Crash.Kind, String, String)
        var status = RunReport.Outcome.crash.exitStatus
        switch ending {
        case .exited(let code):
            (kind, message, explanation) = (.exit,
                "\(kext) ended the process running it (exit status \(code))",
                "Kernel code has no process to exit: on AIX a kernel extension that called exit would "
                    + "not link, and one that jumped to it would halt the system. aixsim reports the run "
                    + "up to that point." + lastCall)
        case .signalled(let signal) where signal == SIGXCPU || signal == SIGXFSZ:
            (kind, message, explanation) = (.resourceLimit,
                "\(kext)'s run went past a host limit (\(Kernel.hostSignalName(signal)))",
                "The process running the kext used more CPU time or wrote a larger file than a run "
                    + "may; aixsim stopped it." + lastCall)
        case .signalled(let signal) where signal == SIGKILL:
            (kind, message, explanation) = (.resourceLimit,
                "the process running \(kext) was killed by the host (SIGKILL), most likely for memory",
                "Something outside aixsim ended the run, which the host does when a process exhausts "
                    + "memory. aixsim reports the run up to that point." + lastCall)
        case .signalled(let signal) where stream.signal?.number == signal && stream.signal?.fromKext == false:
            // Not the kext's doing: someone ended the run from outside, as Ctrl-C would.
            let sender = stream.signal?.sender ?? 0
            (kind, message, explanation) = (.interrupted,
                "the process running \(kext) was ended by \(Kernel.hostSignalName(signal)), sent from outside aixsim (process \(sender))",
                "Another process signalled the worker that ran the kext; neither the kext nor aixsim "
                    + "raised it, so this says nothing about the kext. aixsim reports the run up to that point."
                    + lastCall)
            status = 128 + signal
        case .signalled(let signal) where stream.signal?.number == signal:
            (kind, message, explanation) = (.hostSignal,
                "the process running \(kext) was ended by signal \(Kernel.hostSignalName(signal)), which the kext sent itself",
                "A kernel extension has no process of its own to signal: kill() from kernel code is "
                    + "not how AIX reports errors, and the host ended the process on the signal's default "
                    + "action. aixsim reports the run up to that point." + lastCall)
        case .signalled(let signal) where !Self.faultSignals.contains(signal):
            // aixsim's own failures end in a fault signal or abort; the guard leaves the others at
            // their default action, so one of them ending the worker was sent, most likely by the kext.
            (kind, message, explanation) = (.hostSignal,
                "the process running \(kext) was ended by signal \(Kernel.hostSignalName(signal)), which the kext most likely sent itself",
                "A kernel extension has no process of its own to signal: kill() from kernel code is "
                    + "not how AIX reports errors, and the host ended the process on the signal's default "
                    + "action. aixsim reports the run up to that point." + lastCall)
        case .signalled(let signal):
            let detail = String(decoding: stream.stderr, as: UTF8.self)
                .split(separator: "\n").last.map { " The last thing it wrote was: \($0)" } ?? ""
            (kind, message, explanation) = (.emulatorCorrupted,
                "aixsim died running \(kext) (\(Kernel.hostSignalName(signal))) outside the kext's own code",
                "The simulated machine itself failed: either an aixsim bug, or the kext corrupted "
                    + "aixsim's memory (a store past a structure it was handed, a stray pointer into "
                    + "aixsim's heap) so that aixsim crashed later, in its own code. Either way the "
                    + "report stops here." + lastCall + detail)
        case .hung:
            (kind, message, explanation) = (.hang,
                "\(kext)'s run stopped making progress for more than \(watchdog) of host time",
                "Neither the kext nor the simulated kernel did anything observable for longer than the "
                    + "watchdog allows (set it with --watchdog). On AIX the processor would be lost "
                    + "to the loop." + lastCall)
        case .overTime:
            (kind, message, explanation) = (.resourceLimit,
                "\(kext)'s run took longer than \(timeLimit) of host time",
                "A run is limited in host time (set it with --time-limit); this one made progress but "
                    + "did not finish." + lastCall)
        case .overMemory(let resident):
            (kind, message, explanation) = (.resourceLimit,
                "\(kext)'s run used \(ByteCount(resident)) of host memory, past its memory limit of \(ByteCount(memoryLimit))",
                "A run is limited in the host memory the process running it may hold (set it with "
                    + "--memory-limit); aixsim stopped it there. Memory the kext allocates and touches "
                    + "(xmalloc, vm_galloc, pinned or not) is host memory, so a kext that allocates without "
                    + "freeing, or in a loop, reaches it." + lastCall)
        case .interrupted(let signal):
            (kind, message, explanation) = (.interrupted,
                "the run of \(kext) was interrupted (\(Kernel.hostSignalName(signal)))",
                "aixsim was asked to stop; this is the run up to that point." + lastCall)
            status = 128 + signal
        }
        var crash = Crash(kind: kind, ea: nil, access: nil, dsisr: nil, message: message,
                          explanation: explanation, kext: kext, location: nil)
        crash.phase = stream.phase.flatMap(RunPhase.init(rawValue:))
        report.crash = crash
        return Ending(report: report, status: status)
    }

    private func failed(_ reason: String) -> Ending {
        var report = RunReport(outcome: .loadError)
        report.error = reason
        return Ending(report: report, status: RunReport.Outcome.loadError.exitStatus)
    }

    private func spawn(channel: Int32, errors: Int32) -> Result<pid_t, SpawnFailure> {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // The kext may write to fd 1 or 2 as it likes: the supervisor's stdout carries the report
        // alone.
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, errors, 2)
        posix_spawn_file_actions_adddup2(&actions, channel, WorkerChannel.descriptor)
        // A group of its own, so that killing it reaches any child the kext made.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)

        var environment = ProcessInfo.processInfo.environment
        environment[WorkerChannel.variable] = String(WorkerChannel.descriptor)
        return spawnWorker(Self.executablePath, arguments: Array(CommandLine.arguments.dropFirst()),
                           environment: environment, actions: &actions, attributes: &attributes)
    }

    /// The resident set of process `pid` in bytes (/proc/PID/statm, cheap to read), nil if unknown.
    static func residentBytes(of pid: pid_t) -> UInt64? {
        let fd = open("/proc/\(pid)/statm", O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 128)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0 else { return nil }
        let fields = String(decoding: bytes[0..<n], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return nil }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// A worker that did not end normally leaves the directory it compiled the kext in
    /// (KextRun names it aixsim-PID-RANDOM in the temporary directory).
    /// How the host ends a process that failed on its own: a fault, a trap, abort, a refused
    /// system call, or a limit.
    static let faultSignals: Set<Int32> = [
        SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGSYS, SIGABRT, SIGKILL, SIGXCPU, SIGXFSZ,
    ]

    static func removeWorkDirectories(of pid: pid_t) {
        let fm = FileManager.default
        let temporary = fm.temporaryDirectory
        let prefix = "aixsim-\(pid)-"
        for name in (try? fm.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(prefix) {
            try? fm.removeItem(at: temporary.appending(path: name))
        }
    }

    /// This executable, to run again as the worker.
    static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}
