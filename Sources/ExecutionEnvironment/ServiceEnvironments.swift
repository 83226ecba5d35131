/// The environments AIX allows a kernel service to be called from, as the export list declares
/// them.
public struct ServiceEnvironments: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// The process environment at INTBASE: a thread's kernel code that may page-fault and sleep.
    public static let process = ServiceEnvironments(rawValue: 1)
    /// The interrupt environment, or the process environment with interrupts disabled.
    public static let interrupt = ServiceEnvironments(rawValue: 2)
    /// Legal from the interrupt environment only for system-space (kernel) buffers, as
    /// unpinu and xmemunpin are.
    public static let interruptForSystemSpaceOnly = ServiceEnvironments(rawValue: 4)
    /// One of the few process-only services AIX still allows with interrupts disabled
    /// (e_sleep and friends, given a pinned event word).
    public static let processAtRaisedPriority = ServiceEnvironments(rawValue: 8)

    /// AIX's wording, as the reference pages put it.
    public var aixWording: String {
        if contains(.interrupt) { return "process or interrupt environment" }
        if contains(.interruptForSystemSpaceOnly) {
            return "process environment; interrupt environment only for system-space data"
        }
        if contains(.processAtRaisedPriority) {
            return "process environment only (also with interrupts disabled, given a pinned event word)"
        }
        if contains(.process) { return "process environment only" }
        return "no environment"
    }
}
