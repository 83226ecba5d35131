/// A PTE's position in the hashed page table, numbered across the whole table: PTEG index × 8 +
/// slot (QEMU's "ptex").
public struct PTEIndex: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init(group: UInt64, slot: Int) {
        precondition(slot >= 0 && slot < PTEGroup.slotCount, "a PTEG has eight slots")
        rawValue = group << 3 | UInt64(slot)
    }

    /// The PTEG index.
    public var group: UInt64 { rawValue >> 3 }
    /// The slot within the PTEG, 0...7.
    public var slot: Int { Int(rawValue & 7) }

    public static func < (a: PTEIndex, b: PTEIndex) -> Bool { a.rawValue < b.rawValue }

    public var description: String { "ptex 0x" + String(rawValue, radix: 16, uppercase: true) }
}
