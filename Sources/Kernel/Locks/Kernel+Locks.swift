import ExecutionEnvironment

/// The services' one way to the lock registry: build the acquisition where the CPU is, let the
/// registry decide, and turn its decisions into the crash or findings of the run.
extension Kernel {
    /// An acquisition of `lock` by the code running now, called from the kext function that
    /// made the service call.
    func lockAcquisition(_ lock: UInt, _ kind: LockKind, mode: LockMode = .exclusive, service: String,
                         savedPriority: InterruptPriority? = nil) -> LockAcquisition
    {
        LockAcquisition(lock: lock, kind: kind, mode: mode, context: LockContext(cpu), service: service,
                        site: callingFunction(), priority: cpu.priority, savedPriority: savedPriority)
    }

    /// Takes a lock, or crashes the system when it could never be had. False: crashed.
    func takeLock(_ a: LockAcquisition, _ call: ServiceCall) -> Bool {
        if let holder = locks.blocker(of: a) {
            return apply([.deadlock(holder: holder, waiter: a)], call)
        }
        return apply(locks.acquire(a), call)
    }

    /// Releases the current context's hold on a lock; nil when that crashed the system.
    func releaseLock(_ lock: UInt, _ kind: LockKind, _ call: ServiceCall) -> LockAcquisition? {
        switch locks.release(lock, kind: kind, by: LockContext(cpu), service: call.export.name, site: callingFunction()) {
        case .success(let acquisition): return acquisition
        case .failure(let problem):
            _ = apply([problem], call)
            return nil
        }
    }

    /// Records each problem: findings join the run's, the first crash ends it. False: crashed.
    @discardableResult
    func apply(_ problems: [LockProblem], _ call: ServiceCall?) -> Bool {
        let kext = call.map { name(of: $0.kext) }
        for problem in problems {
            if problem.endsRun {
                recordCrash(lockCrash(problem, kext: kext))
                return false
            }
            accounting.findings.append(lockFinding(problem, kext: kext ?? "?"))
        }
        return true
    }

    /// The hook of every sleeping service: a thread may not sleep holding a spin lock.
    /// False: it tried, and the system crashed.
    func maySleepHoldingLocks(_ call: ServiceCall) -> Bool {
        guard let spin = locks.simpleLocks(heldBy: LockContext(cpu)).last else { return true }
        record(call, result: 0, detail: "refused: a simple lock is held")
        return apply([.sleepWithSpinLock(held: spin, service: call.export.name, site: callingFunction())], call)
    }

    /// The environment rule's lock half: a service AIX allows in the process environment only may
    /// page-fault or sleep, which a thread holding a spin lock must not. e_sleep_thread is handed
    /// the simple lock it releases (lockp), and lock_free of the held lock itself is the lock
    /// misuse lock_free reports, so those locks do not count. False: the system crashed.
    func mayCallProcessServiceHoldingLocks(_ call: ServiceCall) -> Bool {
        let released: UInt? = switch call.export.name {
        case "e_sleep_thread": call.arguments.pointer(1)
        case "lock_free": call.arguments.pointer(0)
        default: nil
        }
        guard let spin = locks.simpleLocks(heldBy: LockContext(cpu)).last(where: { $0.lock != released }) else {
            return true
        }
        record(call, result: 0, detail: "refused: a simple lock is held")
        return apply([.processServiceWithSpinLock(held: spin, service: call.export.name, site: callingFunction())], call)
    }

    /// What a kext leaves in the lock registry once its CFG_TERM has run: locks still held and
    /// lock_alloc without lock_free, each a finding.
    public func lockFindings(of kext: KextID) -> [Finding] {
        locks.leftBehind().map { lockFinding($0, kext: name(of: kext)) }
    }
}
