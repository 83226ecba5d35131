import Foundation
import Kernel
import PowerArch
import VMM

/// `load --map FILE.svg`: the global address space after a run, drawn for people who would
/// rather look than read.
///
/// The axis. A 16 GB galloc heap holds four million pages and a one-page region next to a
/// 15 GB free gap, so a linear axis shows nothing. The picture therefore has two parts:
///
/// 1. a linear overview strip of the whole heap (where in the range things are), and
/// 2. a folded, log-scaled band below it: every region and every free gap in address order,
///    left to right and wrapped into rows like text, each drawn with a width that grows with
///    the log of its page count (a region `6 + 4·log2(pages)` px, a gap `4 + 3·log2(pages)` px),
///    so one page and one gigabyte both stay visible and thousands of regions remain countable.
///
/// Each region is coloured by who holds it (kernel_heap, pinned_heap, or a kext), followed by a
/// dark sliver for its guard page; pinned pages are marked along the region's bottom edge in
/// proportion; free gaps are hatched and labelled with their size when there is room. Every
/// shape has a `<title>`, so a browser shows its address and size on hover.
public struct GlobalMemorySVG {
    let memory: XmallocReport.GlobalMemory
    let title: String

    public init(_ memory: XmallocReport.GlobalMemory, title: String) {
        self.memory = memory
        self.title = title
    }

    static let width = 1200.0
    static let labelWidth = 170.0
    static let rowHeight = 34.0
    static let barHeight = 22.0
    /// Past this many spans the band stops and says how many it left out.
    static let spanLimit = 40_000

    enum Span {
        case region(XmallocReport.Region)
        case gap(XmallocReport.FreeRange)

        var start: EffectiveAddress {
            switch self {
            case .region(let r): r.start
            case .gap(let g): g.start
            }
        }

        var width: Double {
            switch self {
            case .region(let r): 6 + 4 * log2(Double(max(r.size >> PageSize.shift, 1))) + 2
            case .gap(let g): 4 + 3 * log2(Double(max(g.size >> PageSize.shift, 1)))
            }
        }
    }

    var spans: [Span] {
        (memory.regions.map(Span.region) + memory.freeRanges.map(Span.gap)).sorted { $0.start < $1.start }
    }

    public var svg: String {
        let spans = spans
        let shown = spans.prefix(Self.spanLimit)
        // Lay the band out first: it decides the height.
        var rows: [[(Span, Double)]] = [[]]
        var x = 0.0
        let usable = Self.width - Self.labelWidth - 20
        for span in shown {
            let w = span.width
            if x + w > usable, !rows[rows.count - 1].isEmpty {
                rows.append([])
                x = 0
            }
            rows[rows.count - 1].append((span, x))
            x += w + 1
        }
        let bandTop = 150.0
        let height = bandTop + Double(rows.count) * Self.rowHeight + 30
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(height))" \
            viewBox="0 0 \(Int(Self.width)) \(Int(height))" font-family="DejaVu Sans Mono, monospace" font-size="11">
            <defs><pattern id="free" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#c8c8c8" stroke-width="2"/></pattern></defs>
            <rect width="100%" height="100%" fill="white"/>

            """
        out += text(10, 20, escape(title), size: 15, bold: true)
        let used = memory.regions.reduce(UInt64(0)) { $0 + $1.size }
        let free = memory.freeRanges.reduce(UInt64(0)) { $0 + $1.size }
        out += text(10, 38, "galloc heap \(ByteCount(memory.size)) at \(memory.start): \(memory.regions.count) regions "
            + "(\(ByteCount(used))), \(memory.freeRanges.count) free gaps (\(ByteCount(free)))")
        out += legend(y: 56)
        out += overview(y: 78)
        out += text(10, bandTop - 12, "every region and gap in address order, wrapped like text; width grows with log2(pages)", color: "#555")
        for (i, row) in rows.enumerated() {
            let y = bandTop + Double(i) * Self.rowHeight
            if let first = row.first {
                out += text(10, y + 15, first.0.start.description, color: "#555")
            }
            for (span, x) in row { out += draw(span, x: Self.labelWidth + x, y: y) }
        }
        if spans.count > shown.count {
            out += text(10, height - 10, "… \(spans.count - shown.count) more regions and gaps not drawn")
        }
        return out + "</svg>\n"
    }

    // MARK: - Parts

    static func colour(of region: XmallocReport.Region) -> String {
        switch region.heap {
        case "kernel_heap": return "#3b6fb6"
        case "pinned_heap": return "#d9822b"
        case .some: return "#8e6bbf"   // a private heap's tag; private heaps take no regions today
        // One green for kexts' own vm_galloc regions: a run loads one kext, and the legend must match.
        case nil: return "#4f9a5b"
        }
    }

    private func legend(y: Double) -> String {
        let items: [(String, String)] = [
            ("#3b6fb6", "kernel_heap"), ("#d9822b", "pinned_heap"), ("#4f9a5b", "kext vm_galloc"),
            ("#8b1a1a", "guard page"), ("url(#free)", "free"), ("#111111", "pinned pages (bottom edge)"),
        ]
        var out = ""
        var x = 10.0
        for (fill, label) in items {
            out += "<rect x=\"\(x)\" y=\"\(y - 10)\" width=\"14\" height=\"12\" fill=\"\(fill)\" stroke=\"#999\" stroke-width=\"0.5\"/>"
            out += text(x + 18, y, label)
            x += 26 + Double(label.count) * 7
        }
        return out + "\n"
    }

    /// The linear strip: the whole heap, each region at its true place (at least 1 px wide).
    private func overview(y: Double) -> String {
        let x0 = Self.labelWidth
        let w = Self.width - Self.labelWidth - 20
        var out = text(10, y + 15, "linear, whole heap", color: "#555")
        out += "<rect x=\"\(x0)\" y=\"\(y)\" width=\"\(w)\" height=\"22\" fill=\"url(#free)\" stroke=\"#999\" stroke-width=\"0.5\"/>\n"
        let scale = w / Double(memory.size)
        // Merge regions that land on the same pixel, so a 16 GB heap of thousands of regions
        // is a few hundred rectangles.
        var lastPixel = -1
        for r in memory.regions {
            let offset = Double(r.start.rawValue - memory.start.rawValue)
            let px = Int(offset * scale)
            if px == lastPixel { continue }
            lastPixel = px
            let rw = max(1, Double(r.size) * scale)
            out += "<rect x=\"\(fmt(x0 + Double(px)))\" y=\"\(y)\" width=\"\(fmt(rw))\" height=\"22\" fill=\"\(Self.colour(of: r))\"/>"
        }
        out += "\n" + text(x0, y + 36, memory.start.description, color: "#555")
        let end = EffectiveAddress(memory.start.rawValue + memory.size)
        out += "<text x=\"\(fmt(x0 + w))\" y=\"\(y + 36)\" text-anchor=\"end\" fill=\"#555\">\(end)</text>\n"
        return out
    }

    private func draw(_ span: Span, x: Double, y: Double) -> String {
        let h = Self.barHeight
        switch span {
        case .gap(let g):
            let w = span.width
            var out = "<rect x=\"\(fmt(x))\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(h)\" fill=\"url(#free)\" stroke=\"#bbb\" stroke-width=\"0.5\">"
                + "<title>free: \(ByteCount(g.size)) at \(g.start)</title></rect>"
            let label = ByteCount(g.size).description
            if w > Double(label.count) * 6.5 + 4 {
                out += "<text x=\"\(fmt(x + w / 2))\" y=\"\(y + 15)\" text-anchor=\"middle\" font-size=\"10\" fill=\"#666\">\(label)</text>"
            }
            return out + "\n"
        case .region(let r):
            let w = span.width - 2
            let pages = Double(max(r.size >> PageSize.shift, 1))
            var out = "<rect x=\"\(fmt(x))\" y=\"\(y)\" width=\"\(fmt(w))\" height=\"\(h)\" fill=\"\(Self.colour(of: r))\">"
                + "<title>region #\(r.sequence): \(ByteCount(r.size)) at \(r.start), \(escape(r.owner))"
                + (r.pinnedPages > 0 ? ", \(r.pinnedPages) pinned pages" : "") + "</title></rect>"
            for run in r.pinnedRuns {
                let px = x + w * Double(run.first) / pages
                let pw = max(1.5, w * Double(run.count) / pages)
                out += "<rect x=\"\(fmt(px))\" y=\"\(y + h - 5)\" width=\"\(fmt(pw))\" height=\"5\" fill=\"#111111\"/>"
            }
            out += "<rect x=\"\(fmt(x + w))\" y=\"\(y)\" width=\"2\" height=\"\(h)\" fill=\"#8b1a1a\"><title>guard page at "
                + "\(EffectiveAddress(r.start.rawValue + r.size))</title></rect>\n"
            return out
        }
    }

    private func text(_ x: Double, _ y: Double, _ s: String, size: Int = 11, bold: Bool = false,
                      color: String = "#222") -> String
    {
        "<text x=\"\(fmt(x))\" y=\"\(fmt(y))\" font-size=\"\(size)\"\(bold ? " font-weight=\"bold\"" : "") fill=\"\(color)\">\(s)</text>\n"
    }

    private func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
