/// An AIX interrupt priority: which interrupts the processor currently accepts.
///
/// Smaller values are *more favoured*: setting a priority disables interrupts of that priority
/// and of every less-favoured one. `INTBASE` (11) accepts everything and is where process-level
/// code runs; `INTMAX` (0) accepts nothing. Values are AIX 5.3's `<sys/intr.h>`.
public struct InterruptPriority: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: Int32

    public init?(rawValue: Int32) {
        guard (0...11).contains(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    private init(_ value: Int32) { rawValue = value }

    /// All interrupts disabled. The corresponding AIX constant is `INTMAX`.
    public static let INTMAX = InterruptPriority(0)
    /// Class 0 devices. The corresponding AIX constant is `INTCLASS0`.
    public static let INTCLASS0 = InterruptPriority(1)
    /// The corresponding AIX constant is `INTCLASS1`.
    public static let INTCLASS1 = InterruptPriority(2)
    /// The corresponding AIX constant is `INTCLASS2`.
    public static let INTCLASS2 = InterruptPriority(3)
    /// The corresponding AIX constant is `INTCLASS3`.
    public static let INTCLASS3 = InterruptPriority(4)
    /// Timer handlers. The corresponding AIX constant is `INTTIMER`.
    public static let INTTIMER = InterruptPriority(5)
    /// Off-level handlers of class 0–3 devices. The corresponding AIX constants are `INTOFFL0`…`INTOFFL3`.
    public static let INTOFFL0 = InterruptPriority(6)
    public static let INTOFFL1 = InterruptPriority(7)
    public static let INTOFFL2 = InterruptPriority(8)
    public static let INTOFFL3 = InterruptPriority(9)
    /// I/O completion. The corresponding AIX constant is `INTIODONE`.
    public static let INTIODONE = InterruptPriority(10)
    /// All interrupts enabled: process level. The corresponding AIX constant is `INTBASE`.
    public static let INTBASE = InterruptPriority(baseValue)
    /// INTBASE's value, for inlinable code that must not read the stored constant through an
    /// accessor call.
    @inlinable static var baseValue: Int32 { 11 }

    private static let names = [
        "INTMAX", "INTCLASS0", "INTCLASS1", "INTCLASS2", "INTCLASS3", "INTTIMER",
        "INTOFFL0", "INTOFFL1", "INTOFFL2", "INTOFFL3", "INTIODONE", "INTBASE",
    ]

    /// The AIX name, e.g. `INTTIMER`.
    public var name: String { Self.names[Int(rawValue)] }
    public var description: String { "\(name) (\(rawValue))" }

    /// Whether this priority disables more interrupts than `other`.
    public func isMoreFavoured(than other: InterruptPriority) -> Bool { rawValue < other.rawValue }

    /// The more favoured of two priorities: raising never lowers.
    public static func mostFavoured(_ a: InterruptPriority, _ b: InterruptPriority) -> InterruptPriority {
        a.isMoreFavoured(than: b) ? a : b
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }

    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let i = Self.names.firstIndex(of: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: name))
        }
        rawValue = Int32(i)
    }
}
