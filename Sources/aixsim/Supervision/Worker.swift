import CFaultGuard
import CSandbox
import Foundation
import Kernel
import KextLoader
#if canImport(Glibc)
import Glibc
#endif

/// The worker side of `aixsim load`: runs the kext in this process and streams what happens to
/// the supervisor, so that whatever ends this process the supervisor still has the run so far.
final class WorkerStream: KernelObserver {
    private let descriptor: Int32
    private let encoder = JSONEncoder()
    private var lastBeat = Date()

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    func kernel(_ progress: KernelProgress) {
        switch progress {
        case .call(let record): send(WorkerRecord(call: record))
        case .console(let text): send(WorkerRecord(console: text))
        case .event(let event): send(WorkerRecord(event: event))
        case .finding(let finding): send(WorkerRecord(finding: finding))
        case .phase(let phase): send(WorkerRecord(phase: phase))
        case .progress(let calls):
            // Past the trace limit a looping kext calls millions of times: a beat a second is enough.
            let now = Date()
            if now.timeIntervalSince(lastBeat) >= 1 {
                lastBeat = now
                send(WorkerRecord(calls: calls))
            }
        }
    }

    /// Writes one JSON line; a supervisor that has gone away ends the worker.
    func send(_ record: WorkerRecord) {
        guard var data = try? encoder.encode(record) else { return }
        data.append(0x0A)
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { _exit(120) }
                offset += n
            }
        }
    }
}

enum Worker {
    /// Runs `request` and sends the report as the stream's last line, then ends the process at
    /// once: atexit handlers or destructors a kext registered must not run after the report.
    static func run(_ request: LoadRequest, watchdogMilliseconds: UInt32, cpuSeconds: UInt64) -> Never {
        signal(SIGPIPE, SIG_IGN)
        _ = aixsim_die_with_parent()
        aixsim_report_signals(WorkerChannel.descriptor)
        limitResources(cpuSeconds: cpuSeconds)
        let stream = WorkerStream(descriptor: WorkerChannel.descriptor)
        if watchdogMilliseconds > 0 { _ = aixsim_watchdog_start(watchdogMilliseconds) }
        if ProcessInfo.processInfo.environment["AIXSIM_NO_SANDBOX"] == nil {
            aixsim_sandbox_arm(WorkerChannel.descriptor)
        }
        let report = KextRun.run(request, observer: stream)
        stream.send(WorkerRecord(report: report))
        _exit(0)
    }

    /// Host limits a kext cannot lift (the sandbox refuses setrlimit): no core files left
    /// behind, bounded file size, CPU time (SIGXCPU: the supervisor reports resource-limit).
    private static func limitResources(cpuSeconds: UInt64) {
        var cpu = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 5))
        setrlimit(Int32(RLIMIT_CPU.rawValue), &cpu)
        var none = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &none)
        var fileSize = rlimit(rlim_cur: 1 << 30, rlim_max: 1 << 30)
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &fileSize)
    }
}
