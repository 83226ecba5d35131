/// The page-protection code of a 64-bit PTE: PP0 (dw1 bit 0) followed by PP (dw1 bits 62:63).
///
/// What a code grants depends on the segment key; `AccessAuthority.pageProtectionTable` holds the
/// meaning. The names below read the code the way AIX uses it, with the kernel at key 0 and user
/// code at key 1.
public struct PageProtection: RawRepresentable, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// `PP0 << 2 | PP`, 0...7.
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        precondition(rawValue < 8, "a page-protection code has three bits (PP0 and PP)")
        self.rawValue = rawValue
    }

    /// The extension bit PP0, dw1 bit 0. POWER4-era processors treat it as reserved.
    public var pp0: UInt8 { rawValue >> 2 }
    /// The two-bit PP field, dw1 bits 62:63.
    public var pp: UInt8 { rawValue & 0b11 }

    /// PP = 00: key 0 read/write, key 1 no access. AIX's default for kernel memory (`KERKEY`).
    public static let noAccessForKey1 = PageProtection(rawValue: 0b000)
    /// PP = 01: key 0 read/write, key 1 read-only (`V_UREAD`, `FILEKEY`).
    public static let readOnlyForKey1 = PageProtection(rawValue: 0b001)
    /// PP = 10: read/write under either key (`UDATAKEY`).
    public static let readWrite = PageProtection(rawValue: 0b010)
    /// PP = 11: read-only under either key (`RDONLY`).
    public static let readOnly = PageProtection(rawValue: 0b011)
    /// PP0 PP = 1 10: key 0 read-only, key 1 no access. Later ISAs only.
    public static let readOnlyForKey0NoAccessForKey1 = PageProtection(rawValue: 0b110)

    /// Every three-bit code, including the reserved ones.
    public static let allCases: [PageProtection] = (0..<8).map { PageProtection(rawValue: $0) }

    /// The code as reports spell it: the two PP bits, with PP0 in front when it is set ("01",
    /// "1 10").
    public var bits: String { pp0 == 0 ? binaryDigits(pp, 2) : "1 " + binaryDigits(pp, 2) }

    public var description: String {
        pp0 == 0 ? "PP=\(binaryDigits(pp, 2))" : "PP0 PP=1 \(binaryDigits(pp, 2))"
    }
}

private func binaryDigits(_ value: UInt8, _ width: Int) -> String {
    let text = String(value, radix: 2)
    return String(repeating: "0", count: max(0, width - text.count)) + text
}
