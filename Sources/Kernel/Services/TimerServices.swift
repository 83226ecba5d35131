import AIXSimKernelABI
import ExecutionEnvironment

/// `<sys/timer.h>`: timer request blocks (talloc, tfree, tstart, tstop) and timeouts.
extension Kernel {
    static let timerServices = ServiceTable(header: "sys/timer.h", definitions: [
        "talloc": .init(implementation: { $0.talloc($1) }, arguments: { _, _ in [] }),
        "tfree": .init(implementation: { $0.tfree($1) }, arguments: { $0.trbArguments($1) }),
        "tstart": .init(implementation: { $0.tstart($1) }, arguments: { $0.trbArguments($1) }),
        "tstop": .init(implementation: { $0.tstop($1) }, arguments: { $0.trbArguments($1) }),
        "timeout": .init(implementation: { $0.timeout($1) }, arguments: { $0.timeoutArguments($1) }),
        "untimeout": .init(implementation: { $0.untimeout($1) }, arguments: { $0.timeoutArguments($1) }),
        "delay": .init(implementation: { $0.delay($1) },
                       arguments: { _, a in [CallArgument(name: "ticks", value: String(a.int(0)))] }),
        "timeoutcf": .init(implementation: { $0.timeoutcf($1) },
                           arguments: { _, a in [CallArgument(name: "cocnt", value: String(a.int(0)))] }),
    ])

    // AIX 5.3's values (bos530 sys/timer.h; /work/shared/reference/aix-kernel-services.md).
    static let T_PENDING: UInt16 = 0x01
    static let T_ACTIVE: UInt16 = 0x02
    static let T_ABSOLUTE: UInt16 = 0x04
    static let T_INCINTERVAL: UInt16 = 0x10
    static let T_COMPLETE: UInt16 = 0x20

    // MARK: - talloc / tfree / tstart / tstop

    /// `struct trb *talloc(void)`
    func talloc(_ call: ServiceCall) -> ServiceReturn {
        let address = clock.allocateTimerBlock(for: call.kext)
        record(call, result: Int64(bitPattern: UInt64(address)), detail: "a pinned timer request block",
               resultText: describePointer(address))
        return .value(Int64(bitPattern: UInt64(address)))
    }

    /// `void tfree(struct trb *t)`
    func tfree(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        guard let block = clock.liveTimerBlock(at: address) else {
            return unknownTimerBlock(call, address, "tfree releases a timer request block talloc allocated, once.")
        }
        // IBM's tfree page: the trb may not be freed by its own handler, which runs while the
        // kernel still holds it.
        if clock.runningTimerBlock == address {
            return timerMisuse(call, "tfree of a timer request block from its own handler",
                               "AIX documents that tfree must not be called from the trb's handler: the timer "
                               + "code still uses the block when the handler returns. Free it from process level.")
        }
        if block.active {
            return timerMisuse(call, "tfree of an active timer request block",
                               "The timer is still queued: when it comes due, the kernel would call its handler "
                               + "through memory that has been freed. Call tstop first.")
        }
        clock.markFreed(address)
        record(call, result: 0)
        return .value(0)
    }

    /// `void tstart(struct trb *t)`
    func tstart(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        guard let block = clock.liveTimerBlock(at: address) else {
            return unknownTimerBlock(call, address,
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
        // Neither T_ABSOLUTE nor T_INCINTERVAL: AIX takes the value as relative (OpenAFS's AIX
        // port starts its trbs with flags 0).
        let absolute = t.flags & Self.T_ABSOLUTE != 0
        let due = absolute ? max(value, now) : now + value
        clock.start(address, due: due)
        block.storage.pointee.flags = (t.flags | Self.T_PENDING | Self.T_ACTIVE) & ~Self.T_COMPLETE
        record(call, result: 0, detail: "\(handlerName(function)) due at \(due) (\(absolute ? "absolute" : "now + \(value)")), at \(priority.name)"
                   + (t.flags == 0 ? "" : "; t->flags \(AIXFlagNames.timerFlags.bits(Int64(t.flags)))"))
        return .value(0)
    }

    /// `int tstop(struct trb *t)`
    func tstop(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        guard let block = clock.liveTimerBlock(at: address) else {
            return unknownTimerBlock(call, address, "tstop cancels a timer request block talloc allocated.")
        }
        let cancelled = clock.stop(address)
        block.storage.pointee.flags &= ~(Self.T_PENDING | Self.T_ACTIVE)
        record(call, result: 0, detail: cancelled ? "cancelled" : "was not active")
        return .value(0)
    }

    /// A trb pointer that is not a live talloc block: freed already, or never talloc's.
    private func unknownTimerBlock(_ call: ServiceCall, _ address: UInt, _ why: String) -> ServiceReturn {
        if clock.timerBlocks[address]?.freed == true {
            return timerMisuse(call, "\(call.export.name) of a timer request block after tfree",
                               "tfree gave the block back to the kernel, which may already have reused it for "
                               + "another timer; using it again corrupts that timer or the kernel's timer chain.")
        }
        return timerMisuse(call, "\(call.export.name) of a pointer talloc did not return", why)
    }

    private func timerMisuse(_ call: ServiceCall, _ message: String, _ why: String) -> ServiceReturn {
        record(call, result: 0, detail: "crashed: \(message)")
        recordCrash(Crash(kind: .environmentViolation, ea: nil, access: nil, dsisr: nil, message: message,
                          explanation: why + " AIX would corrupt its timer lists or call through a bad pointer; aixsim stops here.",
                          kext: name(of: call.kext), location: callingFunction())
            .breaking(rule: "A timer request block belongs to the kernel from talloc until tfree; only a live block from talloc may be passed to tstart, tstop or tfree.",
                      fix: "Keep the pointer talloc returned, tstop the timer before tfree, and clear your pointer after tfree."))
        return .crashed
    }

    func trbArguments(_ a: ServiceArguments) -> [CallArgument] {
        [dataArgument("t", a.pointer(0))]
    }

    // MARK: - timeout / untimeout

    /// `int delay(int ticks)` (AIX 5.3 <sys/timer.h>): the calling thread sleeps for `ticks`
    /// clock ticks while simulated time runs, so timers and interrupts due meanwhile fire.
    func delay(_ call: ServiceCall) -> ServiceReturn {
        let ticks = max(0, Int64(call.arguments.int(0)))
        let end = now + SimulatedTime(rawValue: SimulatedTime.tick.rawValue * UInt64(ticks))
        record(call, result: 0, detail: "sleeping until \(end)")
        while crash == nil, let next = clock.advance(to: end) { deliver(next) }
        guard crash == nil else { return .crashed }
        now = max(now, end)
        return .value(0)
    }

    /// `int timeoutcf(int cocnt)`: reserves (or, negative, gives back) callout entries for
    /// timeout. AIX's timeout is a compatibility routine whose entries must be reserved first
    /// (IBM's timeout and timeoutcf pages); -1 when giving back more than is free.
    func timeoutcf(_ call: ServiceCall) -> ServiceReturn {
        let count = Int(call.arguments.int(0))
        let total = clock.timeoutEntries + count
        guard total >= clock.pendingTimeouts, total >= 0 else {
            record(call, result: -1, detail: "refused: \(clock.timeoutEntries) entries, \(clock.pendingTimeouts) in use")
            return .value(-1)
        }
        clock.timeoutEntries = total
        record(call, result: 0, detail: "\(total) callout entries reserved")
        return .value(0)
    }

    /// `void timeout(void (*func)(caddr_t), caddr_t arg, int ticks)`
    func timeout(_ call: ServiceCall) -> ServiceReturn {
        let function = call.arguments.pointer(0)
        // IBM's timeout page: entries come from timeoutcf, and one (func, arg) pair may be
        // pending only once.
        if clock.hasTimeout(of: function, argument: call.arguments.pointer(1)) {
            return timerMisuse(call, "timeout of \(functionName(function)) with an argument it is already pending with",
                               "AIX does not allow two pending timeouts with the same function and argument: "
                               + "untimeout could not tell them apart. Call untimeout first.")
        }
        if clock.pendingTimeouts >= clock.timeoutEntries {
            return timerMisuse(call, "timeout with no free callout entry (timeoutcf reserved \(clock.timeoutEntries))",
                               "AIX's timeout takes an entry of the callout table that timeoutcf reserved; a kext "
                               + "calls timeoutcf(n) at CFG_INIT before using timeout, and timeoutcf(-n) at CFG_TERM.")
        }
        let ticks = max(1, Int64(call.arguments.int(2)))
        let due = now + SimulatedTime(rawValue: SimulatedTime.tick.rawValue * UInt64(ticks))
        clock.schedule(.timeout(function: function, argument: call.arguments.pointer(1), kext: call.kext), at: due)
        record(call, result: 0, detail: "\(handlerName(function)) due at \(due), at INTTIMER")
        return .value(0)
    }

    /// `void untimeout(void (*func)(caddr_t), caddr_t arg)`
    func untimeout(_ call: ServiceCall) -> ServiceReturn {
        let function = call.arguments.pointer(0)
        let argument = call.arguments.pointer(1)
        let cancelled = clock.cancelTimeouts(of: function, argument: argument)
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
}
