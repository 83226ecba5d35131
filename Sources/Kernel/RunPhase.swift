/// Which part of a kext's run the simulated machine is in: loading it, one of the entry-point
/// commands, or the simulated time between them. The raw values are the report's spellings.
public enum RunPhase: String, Hashable, Sendable, Codable, CaseIterable {
    /// Before the entry point is first called.
    case load
    /// The entry point's CFG_INIT call.
    case initialize = "CFG_INIT"
    /// The user program's system calls, after CFG_INIT.
    case user
    /// Simulated time running between CFG_INIT and CFG_TERM (timers, interrupts).
    case run
    /// The entry point's CFG_TERM call.
    case terminate = "CFG_TERM"
}
