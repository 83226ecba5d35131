import Kernel
import KextLoader

/// One line of the stream a worker writes on its channel (fd 3) as the run goes: exactly one
/// field is set. The last line of a run that ended normally carries the report.
struct WorkerRecord: Codable {
    var call: CallRecord?
    var console: String?
    var event: KernelEvent?
    var finding: Finding?
    var phase: String?
    /// Calls made so far, sent now and then past the trace limit so the supervisor sees progress.
    var calls: Int?
    var report: RunReport?
    /// Written by the worker's signal handler (CSandbox) just before a signal ends it.
    var signal: WorkerSignal?
}

/// A signal about to end the worker on its default action, and who sent it.
struct WorkerSignal: Codable, Equatable {
    var number: Int32
    /// The sending process (the worker itself when the kext sent it).
    var sender: Int32
    var fromKext: Bool
}

/// The environment variable that makes `aixsim load` the worker: its value is the channel's
/// file descriptor.
enum WorkerChannel {
    static let variable = "AIXSIM_WORKER_CHANNEL"
    static let descriptor: Int32 = 3
}
