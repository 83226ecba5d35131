/// The Data Storage Interrupt Status Register: why a data storage interrupt happened.
///
/// Masks are in the 32-bit register's own numbering; the ISA's 64-bit SPR numbering (bits 32..63)
/// is given in parentheses. Several cause bits can be set at once, e.g. a store that fails both the
/// PP and the AMR check.
public struct DSISR: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// DSISR bit 0 (32): direct-store segment error. Obsolete; aixsim never raises it.
    public static let directStoreError = DSISR(rawValue: 0x8000_0000)
    /// DSISR bit 1 (33): no PTE for the address in either PTEG.
    public static let noTranslation = DSISR(rawValue: 0x4000_0000)
    /// DSISR bit 4 (36): page protection (PP under the segment key) forbids the access.
    public static let protection = DSISR(rawValue: 0x0800_0000)
    /// DSISR bit 5 (37): lwarx/stwcx. to storage whose attributes forbid reservations.
    public static let reservationAttribute = DSISR(rawValue: 0x0400_0000)
    /// DSISR bit 6 (38): the access was a store (clear for loads).
    public static let store = DSISR(rawValue: 0x0200_0000)
    /// DSISR bit 9 (41): data address breakpoint (DABR) match.
    public static let dabrMatch = DSISR(rawValue: 0x0040_0000)
    /// DSISR bit 10 (42): the AMR forbids the access to the page's storage key.
    public static let storageKey = DSISR(rawValue: 0x0020_0000)
    /// DSISR bit 11 (43): eciwx/ecowx with EAR[E] = 0.
    public static let externalControl = DSISR(rawValue: 0x0010_0000)

    /// Names of the cause bits, in register order, for reports.
    public static let names: [(bit: DSISR, name: String)] = [
        (.directStoreError, "direct-store error"),
        (.noTranslation, "no translation"),
        (.protection, "protection"),
        (.reservationAttribute, "reservation attribute"),
        (.store, "store"),
        (.dabrMatch, "DABR match"),
        (.storageKey, "storage key"),
        (.externalControl, "external control"),
    ]

    /// The register's value with the names of its set bits, e.g. `0x0A000000 (protection, store)`.
    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        let set = Self.names.filter { contains($0.bit) }.map(\.name)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
            + (set.isEmpty ? "" : " (" + set.joined(separator: ", ") + ")")
    }
}
