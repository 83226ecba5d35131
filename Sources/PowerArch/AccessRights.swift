/// A set of access rights to a page.
///
/// Each authority source (page protection, no-execute, authority mask) yields one set; the access
/// is allowed only by their intersection, so sources compose with `intersection` and never need to
/// know about each other.
public struct AccessRights: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let read = AccessRights(rawValue: 1 << 0)
    public static let write = AccessRights(rawValue: 1 << 1)
    public static let execute = AccessRights(rawValue: 1 << 2)

    /// What the architecture calls "read-only": fetching is a read as far as PP is concerned, and
    /// the no-execute checks remove execute separately.
    public static let readOnly: AccessRights = [.read, .execute]
    /// What the architecture calls "read/write".
    public static let readWrite: AccessRights = [.read, .write, .execute]
    public static let none: AccessRights = []

    /// Compact `rwx` form, as inspectors print it.
    public var description: String {
        (contains(.read) ? "r" : "-") + (contains(.write) ? "w" : "-") + (contains(.execute) ? "x" : "-")
    }
}
