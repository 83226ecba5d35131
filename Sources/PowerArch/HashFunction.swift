/// Which hash placed a PTE: the H bit of PTE doubleword 0 (word 0 in the 32-bit format).
public enum HashFunction: UInt64, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// H = 0: the primary hash.
    case primary = 0
    /// H = 1: the secondary hash, the one's complement of the primary.
    case secondary = 1

    public var description: String {
        switch self {
        case .primary: "primary"
        case .secondary: "secondary"
        }
    }
}
