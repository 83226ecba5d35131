/// How a stress operation reaches interrupt level, each through the services a driver uses.
public enum StressInterruptSource: String, Hashable, Sendable, Codable, CaseIterable {
    /// `i_sched` of an off-level handler (INTOFFL1) from process level: taken at once.
    case offLevel
    /// `i_sched` while interrupts are disabled to INTMAX: the handler must wait for `i_enable`.
    case offLevelDeferred
    /// A timer request block (`talloc`, `tstart`) due at once, fired by `delay(1)`, at INTTIMER.
    case timer

    public var name: String {
        switch self {
        case .offLevel: "off-level"
        case .offLevelDeferred: "deferred off-level"
        case .timer: "timer"
        }
    }
}

/// What an interrupt handler of the stress run does: only what AIX allows there. xmalloc,
/// xmfree, pin and the long-term services are process-only; memory that is pinned may be read
/// and written, and `unpin` may be called.
public enum StressInterruptWork: Hashable, Sendable, Codable {
    /// Fills a pinned_heap block with its own byte.
    case store(pick: Int)
    /// Reads a stored pinned_heap block back and compares.
    case load(pick: Int)
    /// `unpin` of a region the run pinned short-term.
    case unpin(pick: Int)

    public var name: String {
        switch self {
        case .store: "store"
        case .load: "load"
        case .unpin: "unpin"
        }
    }
}
