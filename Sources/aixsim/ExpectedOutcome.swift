import Kernel
import KextLoader

/// `load --expect OUTCOME[:KIND]`: what a graded exercise says the run must end in, e.g. `ok`,
/// `crash:dsi`, `findings:xmalloc-leak`, `entry-failed`.
struct ExpectedOutcome: Equatable {
    let outcome: RunReport.Outcome
    /// The crash kind or a finding kind that must be among the findings; nil: any.
    let kind: String?

    init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard let first = parts.first, let outcome = RunReport.Outcome(rawValue: first) else { return nil }
        let kind = parts.count == 2 ? parts[1] : nil
        switch (outcome, kind) {
        case (.crash, let k?) where Crash.Kind(rawValue: k) == nil: return nil
        case (.findings, let k?) where Finding.Kind(rawValue: k) == nil: return nil
        case (.ok, _?), (.entryFailed, _?), (.loadError, _?): return nil
        default: break
        }
        self.outcome = outcome
        self.kind = kind
    }

    /// Nil when the report matches; else the one-line mismatch.
    func mismatch(in report: RunReport) -> String? {
        let actual = report.crash.map { "crash:\($0.kind.rawValue)" }
            ?? (report.outcome == .findings
                ? "findings:" + report.findings.map(\.kind.rawValue).joined(separator: ",")
                : report.outcome.rawValue)
        guard report.outcome == outcome else { return "expected \(text), got \(actual)" }
        guard let kind else { return nil }
        let matches = outcome == .crash ? report.crash?.kind.rawValue == kind
            : report.findings.contains { $0.kind.rawValue == kind }
        return matches ? nil : "expected \(text), got \(actual)"
    }

    var text: String { outcome.rawValue + (kind.map { ":\($0)" } ?? "") }
}
