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
}

/// The environment variable that makes `aixsim load` the worker: its value is the channel's
/// file descriptor.
enum WorkerChannel {
    static let variable = "AIXSIM_WORKER_CHANNEL"
    static let descriptor: Int32 = 3
}
