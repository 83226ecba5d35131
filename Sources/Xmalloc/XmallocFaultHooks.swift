/// Bugs planted on purpose, so `aixsim stress` can show it finds each kind it claims to find.
///
/// Off unless a test (or stress's hidden `--plant-bug` flag) sets `_faultHooks`; each costs the
/// paths it breaks one predictable branch and nothing elsewhere. Never for real runs.
public struct XmallocFaultHooks: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Requests of 33…64 bytes get a 32-byte block: neighbours overlap (an off-by-one in the
    /// size-class lookup).
    public static let undersizedClass = XmallocFaultHooks(rawValue: 1 << 0)
    /// A bucket chunk goes back to galloc when its second-last block is freed, while one block
    /// in it is still live.
    public static let releaseBusyChunk = XmallocFaultHooks(rawValue: 1 << 1)

    /// Names for the command line and replay files.
    public static let named: [(name: String, hook: XmallocFaultHooks)] = [
        ("undersized-class", .undersizedClass), ("release-busy-chunk", .releaseBusyChunk),
    ]
}
