/// The three kinds of AIX kernel lock, which block differently and so break differently.
enum LockKind: Sendable, Hashable {
    /// lockl/unlockl: a sleeping lock on a `lock_t` word, re-entrant for its owner (LOCK_NEST).
    case conventional
    /// simple_lock, disable_lock: a spin lock; the only kind interrupt-level code may take.
    case simple
    /// lock_read/lock_write: a sleeping read/write lock.
    case complex

    var aixName: String {
        switch self {
        case .conventional: "lockl lock"
        case .simple: "simple lock"
        case .complex: "complex lock"
        }
    }
}

/// How a complex lock is held; simple and conventional locks are always exclusive.
enum LockMode: Sendable, Hashable {
    case exclusive, shared
}
