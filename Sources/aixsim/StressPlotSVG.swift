import Foundation
import Validation

/// `stress --plot FILE.svg`: the run over time, one panel per quantity stacked vertically and
/// sharing the operation axis. Each panel draws its column's min–max as a filled band and the
/// max as a line, so that at a million operations a one-step spike still reaches the top.
struct StressPlotSVG {
    let series: StressSeries
    let title: String
    let operations: Int

    static let columns = 600
    static let plotWidth = 900.0
    static let left = 190.0
    static let panelHeight = 70.0
    static let gap = 18.0
    static let colours = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"]

    var svg: String {
        let panels = StressSeries.quantities.count
        let height = 50 + Double(panels) * (Self.panelHeight + Self.gap) + 30
        let width = Self.left + Self.plotWidth + 30
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" \
            font-family="sans-serif" font-size="12">
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Self.left)" y="24" font-size="15">\(Self.escaped(title))</text>

            """
        for (index, quantity) in StressSeries.quantities.enumerated() {
            out += panel(index, name: quantity.name, top: 40 + Double(index) * (Self.panelHeight + Self.gap))
        }
        let axisY = 40 + Double(panels) * (Self.panelHeight + Self.gap)
        for tick in 0...4 {
            let x = Self.left + Self.plotWidth * Double(tick) / 4
            out += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(axisY + 4))\" text-anchor=\"middle\">\(operations * tick / 4)</text>\n"
        }
        out += "<text x=\"\(Self.f(Self.left + Self.plotWidth / 2))\" y=\"\(Self.f(axisY + 22))\" text-anchor=\"middle\">operation</text>\n"
        return out + "</svg>\n"
    }

    private func panel(_ index: Int, name: String, top: Double) -> String {
        let lows = series.columns.map { $0.low[index] }
        let highs = series.columns.map { $0.high[index] }
        let peak = highs.max() ?? 0
        let scale = peak > 0 ? peak : 1
        let colour = Self.colours[index % Self.colours.count]
        let count = max(series.columns.count, 1)
        func x(_ column: Int) -> Double { Self.left + Self.plotWidth * Double(column) / Double(count) }
        func y(_ value: Double) -> Double { top + Self.panelHeight * (1 - value / scale) }
        var out = "<rect x=\"\(Self.left)\" y=\"\(Self.f(top))\" width=\"\(Self.plotWidth)\" height=\"\(Self.panelHeight)\" fill=\"#f7f7f7\" stroke=\"#ccc\"/>\n"
        out += "<text x=\"\(Self.left - 8)\" y=\"\(Self.f(top + 16))\" text-anchor=\"end\">\(Self.escaped(name))</text>\n"
        out += "<text x=\"\(Self.left - 8)\" y=\"\(Self.f(top + 32))\" text-anchor=\"end\" fill=\"#666\">max \(Self.amount(peak, name: name))</text>\n"
        guard !series.columns.isEmpty else { return out }
        // The band: along the highs left to right, back along the lows.
        var band: [String] = []
        for (i, high) in highs.enumerated() { band.append("\(Self.f(x(i))),\(Self.f(y(high))) \(Self.f(x(i + 1))),\(Self.f(y(high)))") }
        for (i, low) in lows.enumerated().reversed() { band.append("\(Self.f(x(i + 1))),\(Self.f(y(low))) \(Self.f(x(i))),\(Self.f(y(low)))") }
        out += "<polygon points=\"\(band.joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.35\" stroke=\"none\"/>\n"
        let line = highs.enumerated().map { "\(Self.f(x($0.offset) + Self.plotWidth / Double(count) / 2)),\(Self.f(y($0.element)))" }
        out += "<polyline points=\"\(line.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.2\"/>\n"
        return out
    }

    static func amount(_ value: Double, name: String) -> String {
        if name == "fragmentation" { return String(format: "%.0f%%", value * 100) }
        if name.hasPrefix("galloc") || name.hasPrefix("xmalloc") {
            let megabyte = 1_048_576.0
            return value >= megabyte ? String(format: "%.1f MB", value / megabyte) : String(format: "%.0f KB", value / 1024)
        }
        return String(Int(value))
    }

    static func f(_ value: Double) -> String { String(format: "%.1f", value) }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
