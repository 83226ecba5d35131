/// One level of the simulated CPU's save-area chain: AIX's mstsave. The bottom level is the
/// process environment; each interrupt pushes a level and its return pops it.
public struct MachineState: Hashable, Sendable {
    public enum Environment: String, Hashable, Sendable, Codable {
        case process, interrupt
    }

    public let environment: Environment
    /// The priority this level's code was entered at; it must be back at this priority when the
    /// code returns.
    public let entryPriority: InterruptPriority
    /// The current priority, changed by i_disable/i_enable.
    public var priority: InterruptPriority
    /// Why the level exists (nil for the process level).
    public let source: InterruptSource?
}
