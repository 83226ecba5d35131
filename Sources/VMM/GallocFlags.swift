/// The `type` argument of `vm_galloc`: segment-type flags from AIX 5.3 `<sys/vmuser.h>`.
public struct GallocFlags: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// A working-storage segment; required by vm_galloc. The corresponding AIX constant is
    /// `V_WORKING`.
    public static let working = GallocFlags(rawValue: 0x1)
    /// A global system area that belongs to no application: a storage reference error in it is
    /// always a system crash. The corresponding AIX constant is `V_SYSTEM`.
    public static let system = GallocFlags(rawValue: 0x20)
    /// Page protection 01 instead of 00, so problem-state (user) code may read the region.
    /// The corresponding AIX constant is `V_UREAD`.
    public static let userReadable = GallocFlags(rawValue: 0x80)
    /// No-execute by default (POWER4 and later, 64-bit kernel). The corresponding AIX constant
    /// is `V_NOEXEC`.
    public static let noExecute = GallocFlags(rawValue: 0x8000_0000)

    /// The flags vm_galloc accepts; any other bit is `EINVAL`.
    public static let acceptedByGalloc: GallocFlags = [.working, .system, .userReadable, .noExecute]

    /// The AIX spelling, e.g. `V_WORKING|V_UREAD`, with unknown bits in hex.
    public var aixSpelling: String {
        var parts: [String] = []
        let named: [(GallocFlags, String)] = [
            (.working, "V_WORKING"), (.system, "V_SYSTEM"), (.userReadable, "V_UREAD"),
            (.noExecute, "V_NOEXEC"),
        ]
        var rest = rawValue
        for (flag, name) in named where contains(flag) {
            parts.append(name)
            rest &= ~flag.rawValue
        }
        if rest != 0 { parts.append("0x" + String(rest, radix: 16)) }
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}
