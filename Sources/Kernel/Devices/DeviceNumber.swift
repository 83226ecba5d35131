/// A device number (`dev_t`): the major number picks the driver's device switch entry, the minor
/// number one of its devices. aixsim packs them as AIX's `makedev` does, 16 bits each.
public struct DeviceNumber: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(major: Int, minor: Int) {
        rawValue = UInt64(major & 0xFFFF) << 16 | UInt64(minor & 0xFFFF)
    }

    public var major: Int { Int(rawValue >> 16 & 0xFFFF) }
    public var minor: Int { Int(rawValue & 0xFFFF) }
    public var description: String { "\(major),\(minor)" }
}
