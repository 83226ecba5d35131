/// How lock problems read in a report: a first line saying what happened, then the scenario in
/// a few indented lines, as Linux's lockdep lays it out: which lock, which context took it
/// where, which other context wants it where, and why that never ends.
extension Kernel {
    func lockCrash(_ problem: LockProblem, kext: String?) -> Crash {
        let (kind, lines, explanation, site) = crashWords(problem)
        return Crash(kind: kind, ea: nil, access: nil, dsisr: nil, message: Self.scenario(lines),
                     explanation: explanation, kext: kext, location: site)
    }

    func lockFinding(_ problem: LockProblem, kext: String) -> Finding {
        let (kind, lines) = findingWords(problem)
        return Finding(kind: kind, ea: nil, size: nil, kext: kext, message: Self.scenario(lines))
    }

    /// The first line, then the rest indented under it.
    private static func scenario(_ lines: [String]) -> String {
        ([lines[0]] + lines.dropFirst().map { "    " + $0 }).joined(separator: "\n")
    }

    // MARK: - Crashes

    private func crashWords(_ problem: LockProblem) -> (Crash.Kind, [String], String, String?) {
        switch problem {
        case .deadlock(let holder, let waiter):
            let lock = lockName(holder.lock, holder.kind)
            var lines = ["\(waiter.service) of \(lock) can never succeed: \(took(holder))",
                         took(waiter, verb: "wants it")]
            let why: String
            if holder.context == waiter.context {
                why = "the same code asks again for a lock it already holds; a \(holder.kind.aixName) is not "
                    + "recursive, so it waits for itself"
            } else if waiter.context != .thread, holder.context == .thread || Self.isInterrupted(holder.context, by: waiter.context) {
                why = "\(contextName(waiter.context)) interrupted \(contextName(holder.context)), which cannot "
                    + "run again to release it until the handler returns"
            } else {
                why = "\(contextName(holder.context)) returned without releasing it: nothing will ever release it"
            }
            lines.append("*** DEADLOCK: " + why)
            return (.selfDeadlock, lines,
                    "On one CPU, waiting for a lock only ends when its holder releases it. Here the holder "
                        + "cannot run: AIX spins or sleeps for ever and the machine hangs. Code that interrupt "
                        + "handlers share a lock with must take it with disable_lock, so the interrupt cannot "
                        + "arrive while the lock is held; a lock already held must not be taken again.",
                    waiter.site)
        case .notHeld(let lock, let kind, let by, let service, let site, let holder):
            var lines = ["\(service) of \(lockName(lock, kind)) by \(contextName(by)), which does not hold it"]
            lines.append("\(site ?? "?") releases it")
            lines.append(holder.map { took($0) } ?? "nobody holds it")
            return (.lockMisuse, lines,
                    "Only the holder of a lock may release it. Releasing one that is free, or that another "
                        + "context holds, breaks the mutual exclusion the lock exists for; AIX's lock code halts "
                        + "the system when it sees it.", site)
        case .destroyedWhileHeld(let holder, let service, let site):
            return (.lockMisuse,
                    ["\(service) of \(lockName(holder.lock, holder.kind)) while it is held",
                     took(holder), "\(site ?? "?") calls \(service) on it"],
                    "A lock must be free when it is freed or initialised again: its holder would later release "
                        + "a lock that no longer exists, or one that says it is free while it is held.", site)
        case .wrongPriority(let holder, let given, let site):
            let saved = holder.savedPriority?.name ?? "?"
            return (.lockMisuse,
                    ["unlock_enable(\(given.name)) of \(lockName(holder.lock, holder.kind)), but its disable_lock returned \(saved)",
                     took(holder), "\(site ?? "?") gives back \(given.name)"],
                    "unlock_enable must be given exactly the priority disable_lock returned. Any other value "
                        + "leaves the processor at a priority nobody meant: interrupts masked for good, or "
                        + "enabled under code that had them disabled.", site)
        case .conventionalWordNotAvailable(let lock, let value, let site, _):
            return (.lockMisuse,
                    ["lockl of \(lockName(lock, .conventional)) whose word holds \(value), neither LOCK_AVAIL nor this thread",
                     "\(site ?? "?") waits for the owner \(value), which does not exist"],
                    "A lock_t must be set to LOCK_AVAIL before its first lockl. Any other value reads as a "
                        + "lock owned by another thread, so lockl sleeps until that thread releases it: for ever.",
                    site)
        case .sleepWithSpinLock(let held, let service, let site):
            return (.sleepWithLock,
                    ["\(service) with \(lockName(held.lock, held.kind)) held", took(held),
                     "\(site ?? "?") goes to sleep without releasing it",
                     "*** DEADLOCK: whoever would wake the thread (an interrupt handler, another thread) spins on the lock"],
                    "A simple lock is a spin lock: its waiters busy-wait, interrupts may be disabled. A thread "
                        + "that sleeps holding one keeps every other taker spinning until it wakes, and the code "
                        + "that would wake it may be one of them. Release it first (e_sleep_thread does so "
                        + "atomically).", site)
        case .processServiceWithSpinLock(let held, let service, let site):
            return (.sleepWithLock,
                    ["\(service), a process-only service, called with \(lockName(held.lock, held.kind)) held", took(held),
                     "\(site ?? "?") calls \(service) without releasing it",
                     "*** DEADLOCK: \(service) may page-fault or sleep, and every other taker spins on the lock meanwhile"],
                    "AIX allows a process-only service to page-fault and to sleep (xmalloc waits for memory, a "
                        + "complex lock for its holder). A simple lock is a spin lock: while its holder waits, "
                        + "every other taker busy-waits, and the code the holder waits for may be one of them. "
                        + "Release the lock before the call, or do the call before taking it.", site)
        case .orderInversion, .interruptUnsafe, .uninitialised, .heldAtUnload, .neverFreed:
            preconditionFailure("a lock finding worded as a crash")
        }
    }

    // MARK: - Findings

    private func findingWords(_ problem: LockProblem) -> (Finding.Kind, [String]) {
        switch problem {
        case .orderInversion(let i):
            // The addresses once, in the first line; the scenario under it uses the names alone.
            let first = lockName(i.earlierOuter.lock, i.earlierOuter.kind, withAddress: false)
            let second = lockName(i.earlierInner.lock, i.earlierInner.kind, withAddress: false)
            return (.lockOrderInversion, [
                "possible deadlock: \(lockName(i.earlierOuter.lock, i.earlierOuter.kind)) and "
                    + "\(lockName(i.earlierInner.lock, i.earlierInner.kind)) are taken in both orders",
                "\(i.earlierOuter.site ?? "?") takes \(first), then \(i.earlierInner.site ?? "?") takes \(second) while holding it",
                "\(i.nowOuter.site ?? "?") takes \(second), then \(i.nowInner.site ?? "?") takes \(first) while holding it",
                "*** DEADLOCK when both run at once: one holds \(first) and waits for \(second), the other holds \(second) and waits for \(first)",
            ])
        case .interruptUnsafe(let atInterrupt, let enabled):
            let lock = lockName(enabled.lock, enabled.kind)
            return (.lockInterruptUnsafe, [
                "\(lock) is taken at interrupt level and by process code with interrupts enabled",
                took(atInterrupt), took(enabled),
                "*** DEADLOCK if the interrupt arrives while \(enabled.site ?? "?") holds it: the handler spins on a lock the code it interrupted holds; take it there with disable_lock",
            ])
        case .uninitialised(let a, let missing):
            let what = missing == "lock_alloc" ? "without lock_alloc" : "without \(a.kind == .complex ? "lock_init" : "simple_lock_init")"
            return (.lockUninitialised, [
                "\(lockName(a.lock, a.kind)) is used \(what)", took(a),
                "AIX requires lock_alloc then simple_lock_init/lock_init before first use; with lock instrumentation on, using it crashes",
            ])
        case .heldAtUnload(let a):
            return (.lockHeldAtUnload, [
                "\(lockName(a.lock, a.kind)) is still held when the kext is unloaded", took(a),
                "whoever takes it next waits for a holder that is gone",
            ])
        case .neverFreed(let lock, let site):
            return (.leak, ["lock_alloc of the lock at \(describeData(lock)) (\(site ?? "?")) was never undone with lock_free"])
        case .deadlock, .notHeld, .destroyedWhileHeld, .wrongPriority, .conventionalWordNotAvailable, .sleepWithSpinLock,
             .processServiceWithSpinLock:
            preconditionFailure("a lock crash worded as a finding")
        }
    }

    // MARK: - Names

    /// `simple lock stats_lock (ADDRESS)` when the address is kext data, else its address.
    /// `withAddress: false` drops the address after a name, for lines repeating one already given.
    func lockName(_ address: UInt, _ kind: LockKind, withAddress: Bool = true) -> String {
        guard let symbol = dataSymbol(address) else { return "\(kind.aixName) at \(describePointer(address))" }
        return "\(kind.aixName) " + (withAddress ? describeData(address) : symbol)
    }

    private func contextName(_ context: LockContext) -> String {
        switch context {
        case .thread: "the kext thread"
        case .interrupt(let priority): "interrupt level \(priority.name)"
        }
    }

    /// `interrupt level INTCLASS1 took it at handler+0x1c (disable_lock)`.
    private func took(_ a: LockAcquisition, verb: String = "took it") -> String {
        let mode = a.mode == .shared ? " for reading" : ""
        let disabled = a.context == .thread && a.priority != .INTBASE ? ", interrupts disabled to \(a.priority.name)" : ""
        return "\(contextName(a.context)) \(verb)\(mode) at \(a.site ?? "?") (\(a.service)\(disabled))"
    }

    private static func isInterrupted(_ holder: LockContext, by waiter: LockContext) -> Bool {
        guard case .interrupt(let h) = holder, case .interrupt(let w) = waiter else { return false }
        return w.isMoreFavoured(than: h)
    }
}
