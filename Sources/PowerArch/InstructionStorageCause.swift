/// The cause bits an instruction storage interrupt (ISI) sets in SRR1.
///
/// Masks are in the low 32 bits of SRR1; the ISA bit number is given for each.
public struct InstructionStorageCause: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// SRR1 bit 33: no PTE for the fetch address in either PTEG.
    public static let noTranslation = InstructionStorageCause(rawValue: 0x4000_0000)
    /// SRR1 bit 35: fetch from a no-execute segment, a PTE with N or G set, or direct-store.
    public static let noExecute = InstructionStorageCause(rawValue: 0x1000_0000)
    /// SRR1 bit 36: page protection gives no read authority, which fetching needs.
    public static let protection = InstructionStorageCause(rawValue: 0x0800_0000)
    /// SRR1 bit 42: the IAMR forbids fetching from the page's storage key (ISA 2.07+; not modelled).
    public static let storageKey = InstructionStorageCause(rawValue: 0x0020_0000)

    /// Names of the cause bits, in register order, for reports.
    public static let names: [(bit: InstructionStorageCause, name: String)] = [
        (.noTranslation, "no translation"),
        (.noExecute, "no-execute"),
        (.protection, "protection"),
        (.storageKey, "storage key"),
    ]

    public var description: String {
        let hex = String(rawValue, radix: 16, uppercase: true)
        let set = Self.names.filter { contains($0.bit) }.map(\.name)
        return "0x" + String(repeating: "0", count: 8 - hex.count) + hex
            + (set.isEmpty ? "" : " (" + set.joined(separator: ", ") + ")")
    }
}
