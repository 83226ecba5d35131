import Foundation
import Kernel

/// How one kext's run ended as seen from outside the worker: a report's outcome, or the way the
/// worker died without giving one.
enum RunObservation: Equatable, Sendable {
    case outcome(KextOutcome)
    /// Killed at `--timeout`.
    case hang(seconds: Double)
    case signal(Int32)
    /// Exited without a JSON report on stdout.
    case noReport(exitStatus: Int32)
    case notStarted(String)

    var spelling: String {
        switch self {
        case .outcome(let outcome): outcome.spelling
        case .hang(let seconds): "hang (killed after \(TestReportText.seconds(seconds)))"
        case .signal(let number): "killed by \(Self.signalName(number))"
        case .noReport(let status): "exit \(status) without a report"
        case .notStarted(let message): "not started: \(message)"
        }
    }

    /// The worker's own death, as opposed to whatever happened to the simulated system.
    var isWorkerFailure: Bool {
        if case .outcome = self { return false }
        return true
    }

    static func signalName(_ number: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGTRAP: "SIGTRAP",
            SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
            SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM", SIGSYS: "SIGSYS",
        ]
        return names[number] ?? "signal \(number)"
    }

    /// Decides from the exit status and the JSON on stdout, never from prose: the JSON's outcome,
    /// crash kind and finding kinds, and for a load error whether compiler diagnostics came with it.
    init(_ output: TestWorker.Output, timeout: Double) {
        switch output.ending {
        case .timedOut: self = .hang(seconds: timeout)
        case .signalled(let number): self = .signal(number)
        case .notStarted(let message): self = .notStarted(message)
        case .exited(let status):
            guard let report = try? JSONDecoder().decode(WorkerReport.self, from: output.stdout),
                  let outcome = report.kextOutcome
            else {
                self = .noReport(exitStatus: status)
                return
            }
            self = .outcome(outcome)
        }
    }

    /// The few fields of `aixsim load --json` a verdict needs (RunReport's spellings).
    private struct WorkerReport: Decodable {
        struct CrashPart: Decodable { let kind: String }
        struct FindingPart: Decodable { let kind: String }
        let outcome: String
        let crash: CrashPart?
        let findings: [FindingPart]?
        let diagnostics: String?

        var kextOutcome: KextOutcome? {
            switch outcome {
            case "ok": return .ok
            case "entry-failed": return .entryFailed
            case "load-error": return diagnostics?.isEmpty == false ? .compileError : .loadError
            case "crash": return crash.flatMap { Crash.Kind(rawValue: $0.kind) }.map(KextOutcome.crash)
            case "findings":
                let kinds = (findings ?? []).compactMap { Finding.Kind(rawValue: $0.kind) }
                return kinds.count == findings?.count ? .findings(Set(kinds)) : nil
            default: return nil
            }
        }
    }
}

/// One kext's line in the campaign: what it said it would do, what it did, and the verdict.
struct TestResult: Sendable {
    enum Verdict: String, Codable, Sendable {
        case passed, failed, skipped
    }

    /// The kext's path as found (relative when the PATH given was).
    let name: String
    let verdict: Verdict
    /// The expected outcome's spelling; nil when there was none to read.
    let expected: String?
    /// What happened; nil when the kext was not run.
    let observation: RunObservation?
    /// Why it failed or was skipped, in one line.
    let reason: String?
    let seconds: Double
    /// The command line that repeats this run with the human report.
    let reproduce: String
    /// The worker's stderr, for runs that failed (its last few kilobytes).
    let stderr: String?
}

extension TestResult: Encodable {
    private enum CodingKeys: String, CodingKey {
        case name, verdict, expected, actual, reason, seconds, reproduce, stderr
        case exitStatus, signal, timedOut
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(verdict, forKey: .verdict)
        try c.encodeIfPresent(expected, forKey: .expected)
        try c.encodeIfPresent(observation?.spelling, forKey: .actual)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encode((seconds * 1000).rounded() / 1000, forKey: .seconds)
        try c.encode(reproduce, forKey: .reproduce)
        try c.encodeIfPresent(stderr, forKey: .stderr)
        if case .signal(let number) = observation { try c.encode(RunObservation.signalName(number), forKey: .signal) }
        if case .hang = observation { try c.encode(true, forKey: .timedOut) }
        if case .noReport(let status) = observation { try c.encode(status, forKey: .exitStatus) }
    }
}
