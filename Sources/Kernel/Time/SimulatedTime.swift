/// A point or span of simulated time, in nanoseconds. Simulated time moves only when the kernel
/// moves it (between CFG_INIT and CFG_TERM, or while a thread sleeps), so a run is deterministic.
public struct SimulatedTime: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public static let zero = SimulatedTime(rawValue: 0)
    public static func nanoseconds(_ n: UInt64) -> SimulatedTime { .init(rawValue: n) }
    public static func milliseconds(_ n: UInt64) -> SimulatedTime { .init(rawValue: n * 1_000_000) }
    /// One clock tick: AIX's HZ is 100, so 10 ms.
    public static let tick = milliseconds(10)

    public static func < (a: SimulatedTime, b: SimulatedTime) -> Bool { a.rawValue < b.rawValue }
    public static func + (a: SimulatedTime, b: SimulatedTime) -> SimulatedTime {
        .init(rawValue: a.rawValue &+ b.rawValue)
    }

    public var description: String {
        let ns = rawValue
        if ns % 1_000_000_000 == 0 { return "\(ns / 1_000_000_000) s" }
        if ns % 1_000_000 == 0 { return "\(ns / 1_000_000) ms" }
        if ns % 1_000 == 0 { return "\(ns / 1_000) µs" }
        return "\(ns) ns"
    }

    /// Parses `50ms`, `2s`, `100us`, `250ns`, `3ticks`.
    public static func parse(_ text: String) -> SimulatedTime? {
        let units: [(String, UInt64)] = [("ticks", 10_000_000), ("tick", 10_000_000), ("ms", 1_000_000),
                                         ("us", 1_000), ("µs", 1_000), ("ns", 1), ("s", 1_000_000_000)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let n = UInt64(text.dropLast(suffix.count)) else { return nil }
            let (v, overflow) = n.multipliedReportingOverflow(by: scale)
            return overflow ? nil : SimulatedTime(rawValue: v)
        }
        return nil
    }
}
