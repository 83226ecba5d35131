import Foundation

/// Progress on stderr while a campaign runs: one updating line on a terminal (runs done, failures,
/// rate, time left), one plain line per finished run otherwise, nothing at all when quiet.
///
/// Unchecked Sendable: WorkerPool calls it only while holding its lock.
final class TestProgress: @unchecked Sendable {
    enum Style: Sendable {
        case bar, lines, quiet
    }

    let style: Style
    let total: Int
    private let start = Date()
    private var done = 0
    private var failed = 0

    init(style: Style, total: Int) {
        self.style = style
        self.total = total
    }

    /// A bar when stderr is a terminal; otherwise lines, unless the caller wants silence.
    static func style(quietUnlessTerminal: Bool) -> Style {
        if isatty(STDERR_FILENO) == 1 { return .bar }
        return quietUnlessTerminal ? .quiet : .lines
    }

    func update(with result: TestResult) {
        update(name: result.name, failed: result.verdict == .failed,
               verdict: TestReportText.tag(result.verdict).trimmingCharacters(in: .whitespaces))
    }

    /// For campaigns whose runs are not kexts checked against expectations (explore, stress).
    func update(name: String, failed didFail: Bool, verdict: String? = nil) {
        done += 1
        if didFail { failed += 1 }
        switch style {
        case .quiet: return
        case .lines:
            write("[\(done)/\(total)] \(verdict ?? (didFail ? "FAIL" : "ok")) \(name)\n")
        case .bar:
            let elapsed = Date().timeIntervalSince(start)
            let rate = elapsed > 0 ? Double(done) / elapsed : 0
            let left = rate > 0 ? Double(total - done) / rate : 0
            let line = "[\(done)/\(total)] \(failed) failed, \(String(format: "%.1f", rate)) runs/s, "
                + "\(TestReportText.clock(left)) left"
            // Carriage return and erase-to-end: the line overwrites itself.
            write("\r\u{1B}[K" + line)
        }
    }

    func finish() {
        if style == .bar { write("\r\u{1B}[K") }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
