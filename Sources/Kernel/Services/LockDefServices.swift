import ExecutionEnvironment

/// `<sys/lock_def.h>`: simple (spin) locks, disable_lock/unlock_enable for locks shared with
/// interrupt handlers, and complex (read/write) locks. One CPU runs one kext thread, so a lock
/// that is busy when taken can only be held by the taker itself, by code it interrupted, or by
/// a handler that returned holding it: never released. The registry reports that at once.
extension Kernel {
    static let lockDefServices = ServiceTable(header: "sys/lock_def.h", definitions: [
        "simple_lock_init": .init(implementation: { $0.lockInit($1, .simple) }, arguments: { $0.lockAddressArguments($1) }),
        "simple_lock": .init(implementation: { $0.simpleLock($1) }, arguments: { $0.lockAddressArguments($1) }),
        "simple_lock_try": .init(implementation: { $0.simpleLockTry($1) }, arguments: { $0.lockAddressArguments($1) }),
        "simple_unlock": .init(implementation: { $0.simpleUnlock($1) }, arguments: { $0.lockAddressArguments($1) }),
        "disable_lock": .init(implementation: { $0.disableLock($1) }, arguments: { $0.priorityLockArguments($1) }),
        "unlock_enable": .init(implementation: { $0.unlockEnable($1) }, arguments: { $0.priorityLockArguments($1) }),
        "lock_init": .init(implementation: { $0.lockInit($1, .complex) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_read": .init(implementation: { $0.complexLock($1, .shared) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_write": .init(implementation: { $0.complexLock($1, .exclusive) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_done": .init(implementation: { $0.lockDone($1) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_read_to_write": .init(implementation: { $0.lockReadToWrite($1) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_write_to_read": .init(implementation: { $0.lockWriteToRead($1) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_try_read": .init(implementation: { $0.complexLockTry($1, .shared) }, arguments: { $0.lockAddressArguments($1) }),
        "lock_try_write": .init(implementation: { $0.complexLockTry($1, .exclusive) }, arguments: { $0.lockAddressArguments($1) }),
    ])

    static let SIMPLE_LOCK_AVAIL: Int64 = 0

    // MARK: - Simple locks

    /// `void simple_lock_init(simple_lock_t)` and `void lock_init(complex_lock_t, boolean_t)`
    func lockInit(_ call: ServiceCall, _ kind: LockKind) -> ServiceReturn {
        let lock = call.arguments.pointer(0)
        record(call, result: 0)
        if let problem = locks.initialise(lock, as: kind, service: call.export.name, site: callingFunction()) {
            apply([problem], call)
            return .crashed
        }
        return setLockWord(lock, Self.SIMPLE_LOCK_AVAIL, call) ? .value(0) : .crashed
    }

    /// `void simple_lock(simple_lock_t)`
    func simpleLock(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(0)
        record(call, result: 0)
        guard takeLock(lockAcquisition(lock, .simple, service: "simple_lock"), call) else { return .crashed }
        return setLockWord(lock, Self.configuringThreadID, call) ? .value(0) : .crashed
    }

    /// `boolean_t simple_lock_try(simple_lock_t)`: TRUE when taken, FALSE when busy.
    func simpleLockTry(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(0)
        let a = lockAcquisition(lock, .simple, service: "simple_lock_try")
        if locks.blocker(of: a) != nil {
            record(call, result: 0, detail: "busy", resultText: "FALSE")
            return .value(0)
        }
        record(call, result: 1, resultText: "TRUE")
        guard takeLock(a, call) else { return .crashed }
        return setLockWord(lock, Self.configuringThreadID, call) ? .value(1) : .crashed
    }

    /// `void simple_unlock(simple_lock_t)`
    func simpleUnlock(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(0)
        record(call, result: 0)
        guard releaseLock(lock, .simple, call) != nil else { return .crashed }
        return setLockWord(lock, Self.SIMPLE_LOCK_AVAIL, call) ? .value(0) : .crashed
    }

    // MARK: - disable_lock / unlock_enable

    /// `int disable_lock(int int_pri, simple_lock_t)`: i_disable, then simple_lock; returns the
    /// old priority.
    func disableLock(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(1)
        guard let new = InterruptPriority(rawValue: call.arguments.int(0)) else {
            return badLockPriority(call, call.arguments.int(0))
        }
        let old = cpu.priority
        record(call, result: Int64(old.rawValue),
               detail: "priority \(old.name) → \(InterruptPriority.mostFavoured(old, new).name)", resultText: old.name)
        _ = cpu.disable(to: new)
        guard takeLock(lockAcquisition(lock, .simple, service: "disable_lock", savedPriority: old), call) else {
            return .crashed
        }
        return setLockWord(lock, Self.configuringThreadID, call) ? .value(Int64(old.rawValue)) : .crashed
    }

    /// `void unlock_enable(int int_pri, simple_lock_t)`: simple_unlock, then i_enable.
    func unlockEnable(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(1)
        guard let old = InterruptPriority(rawValue: call.arguments.int(0)) else {
            return badLockPriority(call, call.arguments.int(0))
        }
        record(call, result: 0, detail: "priority \(cpu.priority.name) → \(old.name)")
        let site = callingFunction()
        guard let held = releaseLock(lock, .simple, call) else { return .crashed }
        if let saved = held.savedPriority, saved != old {
            apply([.wrongPriority(holder: held, given: old, site: site)], call)
            return .crashed
        }
        cpu.enable(old)
        return setLockWord(lock, Self.SIMPLE_LOCK_AVAIL, call) ? .value(0) : .crashed
    }

    private func badLockPriority(_ call: ServiceCall, _ value: Int32) -> ServiceReturn {
        record(call, result: 0, detail: "crashed: \(value) is not an interrupt priority")
        recordCrash(Crash(
            kind: .lockMisuse, ea: nil, access: nil, dsisr: nil,
            message: "\(call.export.name)(\(value)): \(value) is not an interrupt priority",
            explanation: "Interrupt priorities run from INTMAX (0) to INTBASE (11); unlock_enable must be given "
                + "exactly the value disable_lock returned.",
            kext: name(of: call.kext), location: callingFunction()))
        return .crashed
    }

    // MARK: - Complex locks

    /// `void lock_read(complex_lock_t)`, `void lock_write(complex_lock_t)`
    func complexLock(_ call: ServiceCall, _ mode: LockMode) -> ServiceReturn {
        record(call, result: 0)
        let a = lockAcquisition(call.arguments.pointer(0), .complex, mode: mode, service: call.export.name)
        return takeLock(a, call) ? .value(0) : .crashed
    }

    /// `boolean_t lock_try_read(complex_lock_t)`, `boolean_t lock_try_write(complex_lock_t)`:
    /// TRUE when taken; FALSE, without waiting, when a writer holds it (or, for writing, anyone
    /// does), the caller included (IBM's lock_read and lock_write pages).
    func complexLockTry(_ call: ServiceCall, _ mode: LockMode) -> ServiceReturn {
        let a = lockAcquisition(call.arguments.pointer(0), .complex, mode: mode, service: call.export.name)
        if locks.blocker(of: a) != nil {
            record(call, result: 0, detail: "busy", resultText: "FALSE")
            return .value(0)
        }
        record(call, result: 1, resultText: "TRUE")
        return takeLock(a, call) ? .value(1) : .crashed
    }

    /// `void lock_done(complex_lock_t)`: ends one hold, read or write.
    func lockDone(_ call: ServiceCall) -> ServiceReturn {
        record(call, result: 0)
        return releaseLock(call.arguments.pointer(0), .complex, call) != nil ? .value(0) : .crashed
    }

    /// `boolean_t lock_read_to_write(complex_lock_t)`: FALSE once upgraded. The thread must
    /// hold it for reading; if it holds it for reading more than once, the upgrade waits for
    /// its own other hold.
    func lockReadToWrite(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(0)
        record(call, result: 0, resultText: "FALSE")
        let a = lockAcquisition(lock, .complex, service: "lock_read_to_write")
        let mine = locks.holders(of: lock).filter { $0.context == a.context && $0.mode == .shared }
        guard let own = mine.first else {
            _ = releaseLock(lock, .complex, call)
            return .crashed
        }
        if mine.count > 1 || locks.holders(of: lock).count > 1 {
            apply([.deadlock(holder: own, waiter: a)], call)
            return .crashed
        }
        locks.changeMode(of: lock, by: a.context, to: .exclusive)
        return .value(0)
    }

    /// `void lock_write_to_read(complex_lock_t)`
    func lockWriteToRead(_ call: ServiceCall) -> ServiceReturn {
        let lock = call.arguments.pointer(0)
        record(call, result: 0)
        let context = LockContext(cpu)
        guard locks.holders(of: lock).contains(where: { $0.context == context && $0.mode == .exclusive }) else {
            apply([.notHeld(lock: lock, kind: .complex, by: context, service: "lock_write_to_read", site: callingFunction(),
                            holder: locks.holders(of: lock).first)], call)
            return .crashed
        }
        locks.changeMode(of: lock, by: context, to: .shared)
        return .value(0)
    }

    /// The simple lock word as AIX keeps it: SIMPLE_LOCK_AVAIL or the holder. Touching it is
    /// what catches a bad lock pointer. False: crashed.
    private func setLockWord(_ lock: UInt, _ value: Int64, _ call: ServiceCall) -> Bool {
        if case .failure(let fault) = KextMemory.write(value, to: lock) {
            _ = crashed(call, fault, detail: "crashed writing the lock word", what: "updating the lock word")
            return false
        }
        return true
    }

    func priorityLockArguments(_ a: ServiceArguments) -> [CallArgument] {
        let v = a.int(0)
        return [CallArgument(name: "priority", value: InterruptPriority(rawValue: v)?.name ?? String(v)),
                dataArgument("lock_addr", a.pointer(1))]
    }
}
