import Foundation
import Kernel
import KextLoader

/// The signatures of a run's problems: what went wrong and where in the kext, so that two runs
/// that hit the same bug by different routes count as one. A crash is its kind and the innermost
/// kext frame; a finding is its kind and the kext code behind it (the call that made the finding,
/// else, for a leak, the code that allocated the block). An injected allocation failure the kext
/// handles (ok, or CFG_INIT returning an error) is no problem.
enum FailureSignature {
    static func of(_ report: RunReport) -> [String] {
        switch report.outcome {
        case .ok, .entryFailed: return []
        case .loadError: return ["load-error"]
        case .crash:
            guard let crash = report.crash else { return ["crash"] }
            let site = crash.frames?.first?.description ?? crash.location ?? crash.service.map { "in \($0)" }
            return ["crash \(crash.kind.rawValue)" + (site.map { " at \($0)" } ?? "")]
        case .findings:
            let each = report.findings.map { finding -> String in
                let site = finding.frames?.first?.description ?? finding.xmalloc?.record?.function
                return finding.kind.rawValue + (site.map { " at \($0)" } ?? "")
            }
            return Array(Set(each)).sorted()
        }
    }

    /// A worker that gave no report: its death is the signature.
    static func of(_ observation: RunObservation) -> [String] {
        ["worker " + observation.spelling.replacingOccurrences(of: #"\d+(\.\d+)? ?s\)"#, with: "…)",
                                                               options: .regularExpression)]
    }
}
