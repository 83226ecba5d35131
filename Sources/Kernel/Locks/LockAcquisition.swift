import ExecutionEnvironment

/// One taking of a lock: which lock, by whom, where in the kext, at which priority.
struct LockAcquisition: Sendable {
    /// The lock's address as the kext passed it: its identity for the run.
    let lock: UInt
    let kind: LockKind
    let mode: LockMode
    let context: LockContext
    /// The service that took it (`simple_lock`, `disable_lock`, `lock_write`, …).
    let service: String
    /// The kext function that called it, `function+0xOFFSET`.
    let site: String?
    /// The CPU's priority once the lock was held.
    let priority: InterruptPriority
    /// disable_lock's previous priority, which unlock_enable must be given back.
    let savedPriority: InterruptPriority?

    /// Whether interrupt-level code could run while this is held, and so want the lock too.
    var interruptsEnabled: Bool { context == .thread && priority == .INTBASE }
}
