import Kernel

/// Kext frames as the text report shows them: the innermost with its source line and a line of
/// context, the callers one line each.
struct FrameText {
    let frames: [KextFrame]
    /// Put before every line.
    let indent: String

    var lines: [String] {
        guard let first = frames.first else { return [] }
        var out = ["source             \(first)"]
        for line in first.source ?? [] {
            out.append("  \(line.isTarget ? ">" : " ") \(String(line.number).leftPadded(to: 5)) | \(line.text)")
        }
        for caller in frames.dropFirst() { out.append("called from        \(caller)") }
        return out.map { indent + $0 }
    }
}
