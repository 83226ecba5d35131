import ExecutionEnvironment

/// What the lock registry decided about one lock operation: a value, worded for the report by
/// `Kernel+LockWording.swift`. The crash cases end the run, the others are findings.
enum LockProblem: Error {
    /// `waiter` can never get the lock: `holder` is itself, code it interrupted, or
    /// interrupt-level code that returned without releasing it.
    case deadlock(holder: LockAcquisition, waiter: LockAcquisition)
    /// Released or freed by a context that does not hold it (`holder` nil: nobody does).
    case notHeld(lock: UInt, kind: LockKind, by: LockContext, service: String, site: String?, holder: LockAcquisition?)
    /// lock_free, simple_lock_init or lock_init of a lock still held.
    case destroyedWhileHeld(holder: LockAcquisition, service: String, site: String?)
    /// unlock_enable given a priority other than the one its disable_lock returned.
    case wrongPriority(holder: LockAcquisition, given: InterruptPriority, site: String?)
    /// A lockl word holding neither LOCK_AVAIL nor this thread's tid: never initialised.
    case conventionalWordNotAvailable(lock: UInt, value: Int32, site: String?, ndelay: Bool)
    /// Sleeping (`service`) with a simple lock held.
    case sleepWithSpinLock(held: LockAcquisition, service: String, site: String?)
    /// A process-only service (`service`: it may page-fault or sleep) called with a simple lock held.
    case processServiceWithSpinLock(held: LockAcquisition, service: String, site: String?)

    /// `first` was taken before `second` on one path and after it on another.
    case orderInversion(LockInversion)
    /// Taken at interrupt level and, elsewhere, by process code with interrupts enabled.
    case interruptUnsafe(atInterrupt: LockAcquisition, withInterruptsEnabled: LockAcquisition)
    /// Used without lock_alloc or without simple_lock_init/lock_init.
    case uninitialised(LockAcquisition, missing: String)
    /// Still held when the kext's CFG_TERM returned.
    case heldAtUnload(LockAcquisition)
    /// lock_alloc without lock_free.
    case neverFreed(lock: UInt, site: String?)

    var endsRun: Bool {
        switch self {
        case .deadlock, .notHeld, .destroyedWhileHeld, .wrongPriority, .sleepWithSpinLock, .processServiceWithSpinLock: true
        case .conventionalWordNotAvailable(_, _, _, let ndelay): !ndelay
        case .orderInversion, .interruptUnsafe, .uninitialised, .heldAtUnload, .neverFreed: false
        }
    }
}

/// Two orders of the same two locks: on one path `held` then `taken`; on another, `taken` was
/// held when `held` was taken (`earlier`, the first time that order was seen).
struct LockInversion: Sendable {
    /// The order seen first: `outer` held while `inner` was taken.
    let earlierOuter: LockAcquisition
    let earlierInner: LockAcquisition
    /// The order seen now, the other way round.
    let nowOuter: LockAcquisition
    let nowInner: LockAcquisition
}
