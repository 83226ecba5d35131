/// The one simulated CPU's execution environment: process or interrupt, the interrupt
/// priority, and the chain of interrupted levels (AIX's mstsave chain).
///
/// It knows nothing of memory or kexts: the kernel tells it when handlers start and end and
/// asks it, at every service call, whether the call is legal where the CPU is.
public struct EnvironmentTracker: Sendable {
    /// Bottom first: the process level, then each interrupt level on top of it.
    public private(set) var levels: [MachineState] {
        // The top level's environment and priority are read on every service call: keep them as
        // plain values rather than reaching into the array of structs each time.
        didSet {
            environment = levels[levels.count - 1].environment
            priority = levels[levels.count - 1].priority
        }
    }
    public private(set) var environment: MachineState.Environment = .process
    public private(set) var priority: InterruptPriority = .INTBASE

    public init() {
        levels = [MachineState(environment: .process, entryPriority: .INTBASE, priority: .INTBASE, source: nil)]
    }

    public var current: MachineState { levels[levels.count - 1] }
    /// What brought the CPU to interrupt level, if it is there.
    public var source: InterruptSource? { levels.last(where: { $0.source != nil })?.source }

    /// Whether code running now may take a page fault: only at INTBASE in the process
    /// environment. Anywhere else, touching memory that is not pinned crashes AIX.
    public var mayPageFault: Bool { environment == .process && priority == .INTBASE }

    // MARK: - i_disable / i_enable

    /// `i_disable(new)`: raises the priority to `new` unless it is already as favoured, and
    /// returns the previous priority. It never lowers the priority.
    public mutating func disable(to new: InterruptPriority) -> InterruptPriority {
        let old = current.priority
        levels[levels.count - 1].priority = InterruptPriority.mostFavoured(old, new)
        return old
    }

    /// `i_enable(old)`: restores a priority i_disable returned.
    public mutating func enable(_ old: InterruptPriority) {
        levels[levels.count - 1].priority = old
    }

    // MARK: - Interrupt levels

    /// Starts interrupt-level code for `source` at `priority`.
    public mutating func enterInterrupt(_ source: InterruptSource, at priority: InterruptPriority) {
        levels.append(MachineState(environment: .interrupt, entryPriority: priority, priority: priority,
                                   source: source))
    }

    /// Ends the innermost interrupt level. Returns the priority it was left at when that differs
    /// from the one it was entered at (the handler forgot its i_enable).
    public mutating func leaveInterrupt() -> InterruptPriority? {
        precondition(levels.count > 1, "leaving an interrupt level that was never entered")
        let level = levels.removeLast()
        return level.priority == level.entryPriority ? nil : level.priority
    }

    /// Restores a priority saved earlier (setjmpx's, when longjmpx resumes).
    public mutating func restore(_ priority: InterruptPriority) {
        levels[levels.count - 1].priority = priority
    }

    // MARK: - The rule on every call

    /// Checks a call of `service`, declared legal in `allowed`, against where the CPU is now.
    public func check(service: @autoclosure () -> String, allowed: ServiceEnvironments) -> EnvironmentViolation? {
        violationKind(allowed: allowed).map {
            EnvironmentViolation(service: service(), allowed: allowed, state: current, source: source, kind: $0)
        }
    }

    /// The rule itself, on every service call: nothing is built unless it is broken.
    public func violationKind(allowed: ServiceEnvironments) -> EnvironmentViolation.Kind? {
        Self.violationKind(environment: environment, priority: priority, allowed: allowed)
    }

    /// The rule on the two plain values it reads, so the dispatcher can apply it without copying
    /// the tracker (and retaining its level chain) on every call; inlinable, so the call is a
    /// few compares in the dispatcher rather than a call into this module.
    @inlinable
    public static func violationKind(environment: MachineState.Environment, priority: InterruptPriority,
                                     allowed: ServiceEnvironments) -> EnvironmentViolation.Kind?
    {
        if environment == .interrupt {
            return allowed.contains(.interrupt) || allowed.contains(.interruptForSystemSpaceOnly)
                ? nil : .interruptEnvironment
        }
        if priority.rawValue == InterruptPriority.baseValue || allowed.contains(.interrupt)
            || allowed.contains(.processAtRaisedPriority) || allowed.contains(.interruptForSystemSpaceOnly)
        {
            return nil
        }
        return .interruptsDisabled
    }
}
