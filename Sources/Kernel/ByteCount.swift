/// A byte count printed the way people read sizes: `8 KB`, `1.5 MB`, `16 GB`, or bytes.
public struct ByteCount: CustomStringConvertible, Sendable {
    public let bytes: UInt64
    public init(_ bytes: UInt64) { self.bytes = bytes }

    public var description: String {
        let units: [(UInt64, String)] = [(1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (scale, unit) in units where bytes >= scale {
            if bytes % scale == 0 { return "\(bytes / scale) \(unit)" }
            // Whole units and the remainder apart: bytes * 10 overflows for sizes near 2^64.
            let tenths = bytes / scale * 10 + (bytes % scale * 10 + scale / 2) / scale
            if tenths >= 10 { return "\(tenths / 10).\(tenths % 10) \(unit)" }
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// Parses `64M`, `16G`, `512K`, `4096` (binary units, as AIX's tools use them).
    public static func parse(_ text: String) -> UInt64? {
        let t = text.filter { !$0.isWhitespace }.uppercased()
        guard let last = t.last else { return nil }
        let shifts: [Character: UInt64] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var digits = t
        var shift: UInt64 = 0
        if let s = shifts[last] {
            shift = s
            digits = String(t.dropLast())
        } else if last == "B", t.count > 1, let s = shifts[t[t.index(t.endIndex, offsetBy: -2)]] {
            shift = s
            digits = String(t.dropLast(2))
        }
        guard let n = UInt64(digits), n > 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : v
    }
}
