import ExecutionEnvironment

/// Who holds a lock. aixsim runs one kext thread on one CPU, so the only other holder can be
/// interrupt-level code, one per priority (a level never interrupts itself).
enum LockContext: Sendable, Hashable {
    case thread
    case interrupt(InterruptPriority)

    init(_ cpu: EnvironmentTracker) {
        self = cpu.environment == .interrupt ? .interrupt(cpu.current.entryPriority) : .thread
    }
}
