/// A 64-bit POWER effective address: what a program (here, a kext) names memory by, before the
/// MMU translates it through a segment to a virtual and then a real address.
///
/// Reports always show effective addresses the way AIX prints them, e.g. `0xF100000040002000`.
public struct EffectiveAddress: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public var rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// The effective segment ID: the top 36 bits, naming one 256 MB segment.
    public var esid: UInt64 { rawValue >> Segment.shift }

    /// The byte offset inside the 256 MB segment.
    public var segmentOffset: UInt64 { rawValue & (Segment.size - 1) }

    /// The byte offset inside the 4 KB page.
    public var pageOffset: UInt64 { rawValue & (PageSize.bytes - 1) }

    public func advanced(by bytes: UInt64) -> EffectiveAddress {
        EffectiveAddress(rawValue &+ bytes)
    }

    public static func < (a: EffectiveAddress, b: EffectiveAddress) -> Bool {
        a.rawValue < b.rawValue
    }

    public var description: String {
        "0x" + String(rawValue, radix: 16, uppercase: true)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard text.hasPrefix("0x"), let value = UInt64(text.dropFirst(2), radix: 16) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not an address: \(text)"))
        }
        rawValue = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The base page size of AIX 5L on POWER: 4 KB.
public enum PageSize {
    public static let shift: UInt64 = 12
    public static let bytes: UInt64 = 1 << shift

    /// Rounds a byte count up to whole pages.
    public static func roundUp(_ bytes: UInt64) -> UInt64 {
        (bytes + Self.bytes - 1) & ~(Self.bytes - 1)
    }
}

/// The 256 MB segment of the 64-bit POWER MMU (SLB entries with B = 00).
public enum Segment {
    public static let shift: UInt64 = 28
    public static let size: UInt64 = 1 << shift
}
