/// The kind of storage access being translated.
public enum AccessKind: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case load
    case store
    case instructionFetch

    /// The right the page must grant for this access to proceed.
    public var requiredRights: AccessRights {
        switch self {
        case .load: .read
        case .store: .write
        case .instructionFetch: .execute
        }
    }

    public var description: String {
        switch self {
        case .load: "load"
        case .store: "store"
        case .instructionFetch: "instruction fetch"
        }
    }
}
