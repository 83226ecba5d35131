import ExecutionEnvironment

/// Every lock the kexts have named, who holds each, and the order graph: the one owner of lock
/// state. Its operations decide (a `LockProblem` value, or nothing); the services apply the
/// decision and the report words it.
struct LockRegistry: Sendable {
    struct LockState: Sendable {
        var kind: LockKind?
        /// Where lock_alloc was called, while the lock is allocated.
        var allocatedAt: String??
        var initialised = false
        var holders: [LockAcquisition] = []
        /// The first acquisition at interrupt level, and the first by process code with
        /// interrupts enabled; both at once is a deadlock waiting for its interrupt.
        var atInterrupt: LockAcquisition?
        var withInterruptsEnabled: LockAcquisition?
        var reportedUnsafe = false
        var reportedUninitialised = false
    }

    private(set) var locks: [UInt: LockState] = [:]
    private var order = LockOrderGraph()
    /// What each context holds, in the order it took it.
    private var held: [LockContext: [LockAcquisition]] = [:]
    /// How many spin-lock holds `held` records, all contexts together: every process-only
    /// service call asks whether a spin lock is held, and this answers "none" without a lookup.
    private(set) var simpleHoldCount = 0

    // MARK: - Life: lock_alloc, init, lock_free

    mutating func allocate(_ lock: UInt, site: String?) {
        locks[lock, default: LockState()].allocatedAt = .some(site)
    }

    /// simple_lock_init / lock_init: refused (a problem) while the lock is held.
    mutating func initialise(_ lock: UInt, as kind: LockKind, service: String, site: String?) -> LockProblem? {
        if let holder = locks[lock]?.holders.first {
            return .destroyedWhileHeld(holder: holder, service: service, site: site)
        }
        locks[lock, default: LockState()].kind = kind
        locks[lock, default: LockState()].initialised = true
        return nil
    }

    mutating func free(_ lock: UInt, site: String?) -> LockProblem? {
        if let holder = locks[lock]?.holders.first {
            return .destroyedWhileHeld(holder: holder, service: "lock_free", site: site)
        }
        locks[lock] = nil
        return nil
    }

    // MARK: - Taking and releasing

    /// Who holds `lock` in a way that stops `acquisition` for ever, if anyone. One thread on one
    /// CPU: any holder other than a shared reader being joined by another reader is fatal.
    func blocker(of acquisition: LockAcquisition) -> LockAcquisition? {
        guard let holders = locks[acquisition.lock]?.holders, let first = holders.first else { return nil }
        if acquisition.mode == .shared, holders.allSatisfy({ $0.mode == .shared }) { return nil }
        return first
    }

    func holders(of lock: UInt) -> [LockAcquisition] { locks[lock]?.holders ?? [] }

    /// Takes the lock (the caller checked `blocker` first); returns the findings it shows.
    mutating func acquire(_ a: LockAcquisition) -> [LockProblem] {
        var problems: [LockProblem] = []
        var state = locks[a.lock, default: LockState()]
        if a.kind != .conventional, !state.reportedUninitialised, state.allocatedAt == nil || !state.initialised {
            state.reportedUninitialised = true
            problems.append(.uninitialised(a, missing: state.allocatedAt == nil ? "lock_alloc" : "init"))
        }
        if a.kind == .simple {
            if a.context != .thread, state.atInterrupt == nil { state.atInterrupt = a }
            if a.interruptsEnabled, state.withInterruptsEnabled == nil { state.withInterruptsEnabled = a }
            if !state.reportedUnsafe, let i = state.atInterrupt, let p = state.withInterruptsEnabled {
                state.reportedUnsafe = true
                problems.append(.interruptUnsafe(atInterrupt: i, withInterruptsEnabled: p))
            }
        }
        state.holders.append(a)
        locks[a.lock] = state
        for outer in held[a.context] ?? [] {
            if let inversion = order.record(outer: outer, inner: a) { problems.append(.orderInversion(inversion)) }
        }
        held[a.context, default: []].append(a)
        if a.kind == .simple { simpleHoldCount += 1 }
        return problems
    }

    /// Releases `context`'s hold on `lock`: the acquisition it ends, or the problem.
    mutating func release(_ lock: UInt, kind: LockKind, by context: LockContext, service: String,
                          site: String?) -> Result<LockAcquisition, LockProblem>
    {
        let holders = locks[lock]?.holders ?? []
        guard let index = holders.lastIndex(where: { $0.context == context }) else {
            return .failure(.notHeld(lock: lock, kind: kind, by: context, service: service, site: site,
                                     holder: holders.first))
        }
        let acquisition = holders[index]
        locks[lock]?.holders.remove(at: index)
        if let i = held[context]?.lastIndex(where: { $0.lock == lock }),
           held[context]?.remove(at: i).kind == .simple
        {
            simpleHoldCount -= 1
        }
        return .success(acquisition)
    }

    /// lock_write_to_read and lock_read_to_write: the same hold, another mode.
    mutating func changeMode(of lock: UInt, by context: LockContext, to mode: LockMode) {
        guard let i = locks[lock]?.holders.lastIndex(where: { $0.context == context }),
              let old = locks[lock]?.holders[i] else { return }
        let new = LockAcquisition(lock: lock, kind: old.kind, mode: mode, context: context, service: old.service,
                                  site: old.site, priority: old.priority, savedPriority: old.savedPriority)
        locks[lock]?.holders[i] = new
        if let j = held[context]?.lastIndex(where: { $0.lock == lock }) { held[context]?[j] = new }
    }

    // MARK: - Questions

    /// The spin locks `context` holds, innermost last.
    func simpleLocks(heldBy context: LockContext) -> [LockAcquisition] {
        (held[context] ?? []).filter { $0.kind == .simple }
    }

    /// Everything held when a kext is unloaded, and every lock_alloc never freed.
    func leftBehind() -> [LockProblem] {
        let stillHeld = held.values.flatMap { $0 }.map(LockProblem.heldAtUnload)
        let unfreed = locks.sorted { $0.key < $1.key }.compactMap { lock, state -> LockProblem? in
            guard let site = state.allocatedAt else { return nil }
            return .neverFreed(lock: lock, site: site)
        }
        return stillHeld + unfreed
    }
}
