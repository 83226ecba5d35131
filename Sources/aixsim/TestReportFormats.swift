import Foundation

/// Counts for a campaign's summary.
struct TestSummary: Codable, Sendable, Equatable {
    var passed = 0
    var failed = 0
    var skipped = 0
    var seconds = 0.0

    init(_ results: [TestResult], seconds: Double) {
        for result in results {
            switch result.verdict {
            case .passed: passed += 1
            case .failed: failed += 1
            case .skipped: skipped += 1
            }
        }
        self.seconds = (seconds * 1000).rounded() / 1000
    }

    var total: Int { passed + failed + skipped }

    /// `5 passed, 1 failed, 2 skipped`; skipped only when there were any.
    var line: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}

/// The text report: one line per kext, then the summary.
enum TestReportText {
    static func tag(_ verdict: TestResult.Verdict) -> String {
        switch verdict {
        case .passed: "ok  "
        case .failed: "FAIL"
        case .skipped: "SKIP"
        }
    }

    static func seconds(_ value: Double) -> String { String(format: "%.2fs", value) }

    static func clock(_ value: Double) -> String {
        let whole = Int(value.rounded())
        return String(format: "%d:%02d", whole / 60, whole % 60)
    }

    static func render(_ results: [TestResult], summary: TestSummary) -> String {
        let width = results.map(\.name.count).max() ?? 0
        var text = ""
        for result in results {
            let name = result.name.padding(toLength: width, withPad: " ", startingAt: 0)
            text += "\(tag(result.verdict))  \(name)  "
            switch result.verdict {
            case .passed: text += "\(result.observation?.spelling ?? "")  \(seconds(result.seconds))\n"
            case .skipped: text += "\(result.reason ?? "skipped")\n"
            case .failed:
                text += "\(result.reason ?? "failed")  \(seconds(result.seconds))\n"
                text += "      reproduce: \(result.reproduce)\n"
            }
        }
        return text + summary.line + "\n"
    }
}

/// `--json`: one document with the summary and every result.
struct TestReportJSON: Encodable {
    let summary: TestSummary
    let results: [TestResult]
}

/// KTAP version 1, as the Linux kernel's kunit_tool reads it: a header, the plan, one numbered
/// result line per kext, and `# ` diagnostic lines before a failed result.
enum TestReportKTAP {
    static func render(_ results: [TestResult], summary: TestSummary) -> String {
        var lines = ["KTAP version 1", "1..\(results.count)"]
        for (offset, result) in results.enumerated() {
            let number = offset + 1
            let name = description(result.name)
            switch result.verdict {
            case .passed:
                lines.append("ok \(number) \(name)")
            case .skipped:
                lines.append("ok \(number) \(name) # SKIP \(description(result.reason ?? ""))")
            case .failed:
                lines.append("# \(result.name): \(result.reason ?? "failed")")
                lines.append("# reproduce: \(result.reproduce)")
                lines.append("not ok \(number) \(name)")
            }
        }
        lines.append("# \(summary.line)")
        return lines.map { $0.replacingOccurrences(of: "\n", with: " ") }.joined(separator: "\n") + "\n"
    }

    /// A '#' in a test's description would start a directive.
    private static func description(_ text: String) -> String {
        text.replacingOccurrences(of: "#", with: "_")
    }
}

/// JUnit XML, the shape CI systems read: one testsuite, a testcase per kext with `failure` or
/// `skipped` inside.
enum TestReportJUnit {
    static func render(_ results: [TestResult], summary: TestSummary) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites tests=\"\(summary.total)\" failures=\"\(summary.failed)\" errors=\"0\" "
            + "skipped=\"\(summary.skipped)\" time=\"\(summary.seconds)\">\n"
        xml += "  <testsuite name=\"aixsim test\" tests=\"\(summary.total)\" failures=\"\(summary.failed)\" "
            + "errors=\"0\" skipped=\"\(summary.skipped)\" time=\"\(summary.seconds)\">\n"
        for result in results {
            let time = (result.seconds * 1000).rounded() / 1000
            xml += "    <testcase classname=\"aixsim.kexts\" name=\"\(escape(result.name))\" time=\"\(time)\""
            switch result.verdict {
            case .passed:
                xml += "/>\n"
            case .skipped:
                xml += ">\n      <skipped message=\"\(escape(result.reason ?? ""))\"/>\n    </testcase>\n"
            case .failed:
                var body = "reproduce: \(result.reproduce)"
                if let stderr = result.stderr { body += "\n\(stderr)" }
                xml += ">\n      <failure message=\"\(escape(result.reason ?? "failed"))\" type=\"unexpected-outcome\">"
                    + escape(body) + "</failure>\n    </testcase>\n"
            }
        }
        return xml + "  </testsuite>\n</testsuites>\n"
    }

    /// Escapes markup and drops the control characters XML 1.0 forbids (a worker's stderr may
    /// hold terminal escapes).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
