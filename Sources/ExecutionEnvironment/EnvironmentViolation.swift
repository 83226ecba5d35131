/// A kernel service called where AIX does not allow it.
public struct EnvironmentViolation: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A process-only service called from interrupt-level code.
        case interruptEnvironment
        /// A process-only service called by process-level code with interrupts disabled.
        case interruptsDisabled
    }

    public let service: String
    public let allowed: ServiceEnvironments
    public let state: MachineState
    public let source: InterruptSource?
    public let kind: Kind

    public init(service: String, allowed: ServiceEnvironments, state: MachineState, source: InterruptSource?,
                kind: Kind)
    {
        self.service = service
        self.allowed = allowed
        self.state = state
        self.source = source
        self.kind = kind
    }

    /// One line: what happened.
    public var message: String {
        switch kind {
        case .interruptEnvironment:
            "\(service) called in the interrupt environment at \(state.priority.name); it may be called from the \(allowed.aixWording)"
        case .interruptsDisabled:
            "\(service) called with interrupts disabled (priority \(state.priority.name), not INTBASE); it may be called from the \(allowed.aixWording)"
        }
    }

    /// The rule and the scenario, in plain words.
    public var explanation: String {
        let how = source.map { "The code was running at interrupt level, as the \($0)." }
            ?? "The code was running in the process environment (a kext entry point) after raising the priority with i_disable."
        let rule: String
        switch kind {
        case .interruptEnvironment:
            rule = "Interrupt-level code runs on borrowed time: it cannot sleep, cannot wait for a page "
                + "to come in from paging space, and may only call services documented as usable from "
                + "the interrupt environment. \(service) may block or page-fault, so AIX forbids it here."
        case .interruptsDisabled:
            rule = "With interrupts disabled to \(state.priority.name) the processor cannot be rescheduled "
                + "or take a page fault, so the code lives under interrupt-level rules: only services "
                + "usable from the interrupt environment. \(service) is process-only."
        }
        return "\(how) \(rule) On a real machine this often works by luck and fails under load; aixsim "
            + "reports it at the call, as a system crash."
    }
}
