/// The environments AIX allows a kernel service to be called from, as the export list declares
/// them.
public struct ServiceEnvironments: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    @inlinable public init(rawValue: UInt32) { self.rawValue = rawValue }

    // The constants are inlinable computed values rather than stored ones: every service call
    // tests them, and a stored constant of another module is read through an accessor call.

    /// The process environment at INTBASE: a thread's kernel code that may page-fault and sleep.
    @inlinable public static var process: ServiceEnvironments { ServiceEnvironments(rawValue: 1) }
    /// The interrupt environment, or the process environment with interrupts disabled.
    @inlinable public static var interrupt: ServiceEnvironments { ServiceEnvironments(rawValue: 2) }
    /// Legal from the interrupt environment only for system-space (kernel) buffers, as
    /// unpinu and xmemunpin are.
    @inlinable public static var interruptForSystemSpaceOnly: ServiceEnvironments { ServiceEnvironments(rawValue: 4) }
    /// One of the few process-only services AIX still allows with interrupts disabled
    /// (e_sleep and friends, given a pinned event word).
    @inlinable public static var processAtRaisedPriority: ServiceEnvironments { ServiceEnvironments(rawValue: 8) }

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
