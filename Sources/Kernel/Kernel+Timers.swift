import AIXSimKernelABI
import CFaultGuard
import ExecutionEnvironment
import VMM

/// A timer request block talloc handed out. aixsim owns its memory (pinned, as AIX's are) and
/// keeps it until the run ends, so a kext's use after tfree reads stale data, not the host heap.
struct TimerBlock {
    let kext: KextID
    let storage: UnsafeMutablePointer<trb>
    var active = false
    var freed = false
}

extension Kernel {
    static let T_ABSOLUTE: UInt16 = 0x1
    static let T_INCINTERVAL: UInt16 = 0x2
    static let EVENT_SUCC: Int64 = 1

    // MARK: - talloc / tfree / tstart / tstop

    /// `struct trb *talloc(void)`
    func talloc(_ call: ServiceCall) -> ServiceReturn {
        let block = UnsafeMutablePointer<trb>.allocate(capacity: 1)
        block.initialize(to: trb())
        let address = UInt(bitPattern: block)
        timerBlocks[address] = TimerBlock(kext: call.kext, storage: block)
        record(call, result: Int64(bitPattern: UInt64(address)), detail: "a pinned timer request block",
               resultText: describePointer(address))
        return .value(Int64(bitPattern: UInt64(address)))
    }

    /// `void tfree(struct trb *t)`
    func tfree(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        guard var block = timerBlocks[address], !block.freed else {
            return timerMisuse(call, "tfree of a pointer talloc did not return (or already freed)",
                               "tfree releases a timer request block talloc allocated, once.")
        }
        if block.active {
            return timerMisuse(call, "tfree of an active timer request block",
                               "The timer is still queued: when it comes due, the kernel would call its handler "
                               + "through memory that has been freed. Call tstop first.")
        }
        block.freed = true
        timerBlocks[address] = block
        record(call, result: 0)
        return .value(0)
    }

    /// `void tstart(struct trb *t)`
    func tstart(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        guard var block = timerBlocks[address], !block.freed else {
            return timerMisuse(call, "tstart of a pointer talloc did not return (or already freed)",
                               "Timer request blocks must come from talloc: the kernel chains them on its own lists.")
        }
        if block.active {
            return timerMisuse(call, "tstart of a timer request block that is already active",
                               "Restarting a queued trb corrupts the kernel's timer chain. Call tstop first, or wait for the handler.")
        }
        let t = block.storage.pointee
        guard let function = Self.address(of: t.func) else {
            return timerMisuse(call, "tstart with t->func unset", "The kernel would call a NULL handler at interrupt level.")
        }
        guard let priority = InterruptPriority(rawValue: t.ipri), !InterruptPriority.INTTIMER.isMoreFavoured(than: priority)
        else {
            return timerMisuse(call, "tstart with t->ipri = \(t.ipri)",
                               "A timer handler runs at t->ipri, which must be INTTIMER or more favoured (INTMAX … INTTIMER).")
        }
        let value = SimulatedTime(rawValue: UInt64(max(0, t.timeout.it_value.tv_sec)) * 1_000_000_000
                                  + UInt64(max(0, t.timeout.it_value.tv_nsec)))
        let absolute = t.flags & Self.T_ABSOLUTE != 0
        let due = absolute ? max(value, now) : now + value
        schedule.schedule(.timer(block: address), at: due)
        block.active = true
        timerBlocks[address] = block
        record(call, result: 0, detail: "\(functionName(function)) due at \(due) (\(absolute ? "absolute" : "now + \(value)")), at \(priority.name)")
        return .value(0)
    }

    /// `int tstop(struct trb *t)`
    func tstop(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        guard var block = timerBlocks[address], !block.freed else {
            return timerMisuse(call, "tstop of a pointer talloc did not return (or already freed)",
                               "tstop cancels a timer request block talloc allocated.")
        }
        let cancelled = schedule.cancel { if case .timer(address) = $0.action { true } else { false } }
        block.active = false
        timerBlocks[address] = block
        record(call, result: 0, detail: cancelled > 0 ? "cancelled" : "was not active")
        return .value(0)
    }

    private func timerMisuse(_ call: ServiceCall, _ message: String, _ why: String) -> ServiceReturn {
        record(call, result: 0, detail: "crashed: \(message)")
        recordCrash(Crash(kind: .environmentViolation, ea: nil, access: nil, dsisr: nil, message: message,
                          explanation: why + " AIX would corrupt its timer lists or call through a bad pointer; aixsim stops here.",
                          kext: name(of: call.kext), location: callingFunction()))
        return .crashed
    }

    func trbArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "t", value: describePointer(a.pointer(0)))]
    }

    // MARK: - timeout / untimeout

    /// `void timeout(void (*func)(caddr_t), caddr_t arg, int ticks)`
    func timeout(_ call: ServiceCall) -> ServiceReturn {
        let function = call.arguments.pointer(0)
        let ticks = max(1, Int64(call.arguments.int(2)))
        let due = now + SimulatedTime(rawValue: SimulatedTime.tick.rawValue * UInt64(ticks))
        schedule.schedule(.timeout(function: function, argument: call.arguments.pointer(1), kext: call.kext), at: due)
        record(call, result: 0, detail: "\(functionName(function)) due at \(due), at INTTIMER")
        return .value(0)
    }

    /// `void untimeout(void (*func)(caddr_t), caddr_t arg)`
    func untimeout(_ call: ServiceCall) -> ServiceReturn {
        let function = call.arguments.pointer(0)
        let argument = call.arguments.pointer(1)
        let cancelled = schedule.cancel {
            if case .timeout(function, argument, _) = $0.action { true } else { false }
        }
        record(call, result: 0, detail: cancelled > 0 ? "cancelled \(cancelled)" : "nothing pending")
        return .value(0)
    }

    func timeoutArguments(_ a: ServiceArguments) -> [CallArgument] {
        var out = [
            CallArgument(name: "func", value: functionName(a.pointer(0))),
            CallArgument(name: "arg", value: describePointer(a.pointer(1))),
        ]
        if a.count > 2 { out.append(CallArgument(name: "ticks", value: String(a.int(2)))) }
        return out
    }

    // MARK: - e_sleep / e_wakeup

    /// `int e_sleep(tid_t *event_word, int flags)`: the thread sleeps until e_wakeup posts the
    /// word. While it sleeps, simulated time runs: timers, timeouts and scheduled interrupts
    /// fire. If nothing is left that could wake it, it would sleep forever: reported.
    func eSleep(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        // With interrupts disabled AIX allows e_sleep only on a pinned event word: the wakeup
        // comes from interrupt level, which may not fault it in.
        if cpu.priority != .INTBASE, !isPinnedKernelWord(word) {
            let v = EnvironmentViolation(service: "e_sleep", allowed: call.export.environments, state: cpu.current,
                                         source: cpu.source, kind: .interruptsDisabled)
            record(call, result: 0, detail: "refused: the event word is not pinned")
            var crash = environmentViolation(v, kext: call.kext)
            crash = Crash(kind: crash.kind, ea: nil, access: nil, dsisr: nil,
                          message: "e_sleep with interrupts disabled (\(cpu.priority.name)) on an event word that is not pinned",
                          explanation: "AIX lets a thread sleep with interrupts disabled only if its event word is "
                              + "pinned: the e_wakeup that ends the sleep runs at interrupt level, where touching "
                              + "pageable memory is a fault AIX cannot service. Put the word in pinned memory "
                              + "(pin it, or use the kext's own data after pincode).",
                          kext: crash.kext, location: crash.location)
            recordCrash(crash)
            return .crashed
        }
        record(call, result: Self.EVENT_SUCC, detail: "sleeping on \(describePointer(word)) at \(now)")
        let outer = sleepingOn
        sleepingOn = word
        defer { sleepingOn = outer }
        while !postedWords.contains(word) {
            guard crash == nil else { return .crashed }
            guard let event = schedule.popNext() else {
                recordCrash(Crash(
                    kind: .watchdog, ea: nil, access: nil, dsisr: nil,
                    message: "e_sleep on \(describePointer(word)) can never end: nothing left to run will call e_wakeup",
                    explanation: "The thread went to sleep waiting for an event, but no timer, timeout or "
                        + "scheduled interrupt remains that could post it. On AIX the thread (here, the "
                        + "configuration method that loaded the kext) would hang forever. A common cause is "
                        + "an e_wakeup that ran before the e_sleep: a wakeup with no sleeper is not remembered.",
                    kext: name(of: call.kext), location: callingFunction()))
                return .crashed
            }
            now = max(now, event.due)
            deliver(event)
        }
        postedWords.remove(word)
        note("the thread sleeping on \(describePointer(word)) wakes up")
        return crash == nil ? .value(Self.EVENT_SUCC) : .crashed
    }

    /// `void e_wakeup(tid_t *event_word)`: wakes the threads sleeping on the word and sets it to
    /// EVENT_NULL.
    func eWakeup(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        var fault = aixsim_fault()
        if aixsim_guarded_store_ulong(UnsafeMutablePointer(bitPattern: word), UInt(bitPattern: -1), &fault) != 0 {
            record(call, result: 0, detail: "crashed writing the event word")
            recordCrash(serviceFault(fault, in: call, what: "setting the event word to EVENT_NULL"))
            return .crashed
        }
        let sleeper = sleepingOn == word
        if sleeper { postedWords.insert(word) }
        record(call, result: 0, detail: sleeper ? "wakes the sleeping thread" : "no thread sleeps on it; the wakeup is lost")
        return .value(0)
    }

    func eventWordArguments(_ a: ServiceArguments) -> [CallArgument] {
        var out = [CallArgument(name: "event_word", value: describePointer(a.pointer(0)))]
        if a.count > 1 { out.append(CallArgument(name: "flags", value: String(a.int(1)))) }
        return out
    }

    /// Whether a kext's pointer names pinned kernel memory: pinned global memory, or the kext's
    /// own data after pincode.
    func isPinnedKernelWord(_ address: UInt) -> Bool {
        if let ea = heap.map.effectiveAddress(fromHost: address) { return heap.isPinned(ea, length: 8) }
        if let kext = runtime?.kext(containing: address) { return codeIsPinned(kext) }
        return false
    }

    // MARK: - Running simulated time

    /// Schedules a device interrupt on `level` at simulated time `at`.
    public func scheduleInterrupt(level: Int32, at time: SimulatedTime) {
        schedule.schedule(.deviceInterrupt(level: level), at: time)
    }

    /// Lets simulated time run for `duration`, doing whatever comes due, in order.
    public func run(for duration: SimulatedTime) {
        let end = now + duration
        while crash == nil, let next = schedule.next, next.due <= end {
            _ = schedule.popNext()
            now = max(now, next.due)
            deliver(next)
        }
        if crash == nil { now = max(now, end) }
    }

    func deliver(_ event: ScheduledEvent) {
        switch event.action {
        case .deviceInterrupt(let level):
            raiseInterrupt(level: level)
        case .timer(let address):
            guard var block = timerBlocks[address], block.active, !block.freed else { return }
            block.active = false
            timerBlocks[address] = block
            let t = block.storage.pointee
            guard let function = Self.address(of: t.func),
                  let priority = InterruptPriority(rawValue: t.ipri)
            else { return }
            note("timer due: calling \(functionName(function)) at \(priority.name)")
            _ = runHandler(function, argument: address, kext: block.kext,
                           source: .timer(handler: functionName(function)), priority: priority)
            runOffLevelWork()
        case .timeout(let function, let argument, let kext):
            note("timeout due: calling \(functionName(function)) at INTTIMER")
            _ = runHandler(function, argument: argument, kext: kext,
                           source: .timeout(handler: functionName(function)), priority: .INTTIMER)
            runOffLevelWork()
        }
    }

    // MARK: - At unload

    /// What a kext leaves behind in the interrupt and timer machinery when it is unloaded: each
    /// would later run (or point into) code that is gone.
    public func interruptFindings(of kext: KextID) -> [Finding] {
        var out: [Finding] = []
        let kextName = name(of: kext)
        for h in interruptHandlers.values.joined() where h.kext == kext {
            out.append(Finding(kind: .interruptHandler, ea: nil, size: nil, kext: kextName,
                               message: "\(functionName(h.handler)) is still registered for level \(h.level) (i_init without i_clear): the next interrupt would call unloaded code"))
        }
        for (address, block) in timerBlocks.sorted(by: { $0.key < $1.key }) where block.kext == kext {
            if block.active {
                out.append(Finding(kind: .timerActive, ea: nil, size: nil, kext: kextName,
                                   message: "timer request block \(describePointer(address)) is still active (tstart without tstop): its handler would run in unloaded code"))
            }
            if !block.freed {
                out.append(Finding(kind: .leak, ea: nil, size: UInt64(MemoryLayout<trb>.size), kext: kextName,
                                   message: "timer request block \(describePointer(address)) from talloc was never returned with tfree"))
            }
        }
        if let pins = codePins[kext], pins > 0 {
            out.append(Finding(kind: .leak, ea: nil, size: nil, kext: kextName,
                               message: "pincode without unpincode: the kext's text and data stay pinned (count \(pins)) after it is unloaded"))
        }
        for event in schedule.events {
            if case .timeout(let function, _, kext) = event.action {
                out.append(Finding(kind: .timeoutPending, ea: nil, size: nil, kext: kextName,
                                   message: "timeout of \(functionName(function)) still pending at \(event.due) (no untimeout): it would run in unloaded code"))
            }
        }
        return out
    }
}
