/// Host (wall-clock) durations on the command line: `500ms`, `10s`, `2m`, `0`.
enum HostDuration {
    static func parse(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, seconds) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value >= 0 else { return nil }
            return .milliseconds(Int64(value * seconds * 1000))
        }
        guard let value = Double(text), value == 0 else { return nil }
        return .zero
    }

    static func milliseconds(_ duration: Duration) -> UInt32 {
        let ms = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        return UInt32(clamping: ms)
    }
}
