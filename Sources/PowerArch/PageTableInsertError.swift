/// Why `HashedPageTable.insert` could not place an entry.
public enum PageTableInsertError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Both candidate groups are full of bolted entries, so nothing may be evicted.
    case bothGroupsBolted(primary: UInt64, secondary: UInt64)

    public var description: String {
        switch self {
        case .bothGroupsBolted(let primary, let secondary):
            "PTEGs 0x\(String(primary, radix: 16, uppercase: true)) and "
                + "0x\(String(secondary, radix: 16, uppercase: true)) hold only bolted entries"
        }
    }
}
