import AIXSimKernelABI
import ExecutionEnvironment

/// Calling kext code at interrupt level: device interrupts, off-level work, and the priority
/// check every entry point and handler meets on return.
extension Kernel {
    static let INTR_SUCC: Int64 = 0
    static let INTR_FAIL: Int64 = -1
    static let INTR_NOT_SHARED: UInt16 = 0x1
    /// AIX 5.3 <sys/intr.h>: the kernel's mark of a struct intr i_sched has queued.
    static let I_SCHED: UInt16 = 0x8000

    /// Raises a device interrupt on `level`: each handler registered there is called in turn
    /// until one returns INTR_SUCC, then scheduled off-level work runs.
    public func raiseInterrupt(level: Int32) {
        guard crash == nil else { return }
        let handlers = interrupts.handlers(on: level)
        guard !handlers.isEmpty else {
            note("device interrupt on level \(level): no handler is registered for it (i_init); it is lost")
            return
        }
        var claimed = false
        for h in handlers where crash == nil {
            let source = InterruptSource.device(level: level, handler: functionName(h.handler))
            note("device interrupt on level \(level): calling \(functionName(h.handler)) at \(h.priority.name)"
                    + lineSuffix(h.handler),
                 source: codeFrame(h.handler))
            guard let result = runHandler(h.handler, argument: h.intr, kext: h.kext, source: source,
                                          priority: h.priority)
            else { return }
            if Int32(truncatingIfNeeded: result) == Int32(Self.INTR_SUCC) {
                claimed = true
                break
            }
        }
        if crash == nil, !claimed {
            note("device interrupt on level \(level): every handler returned INTR_FAIL; AIX logs it as unclaimed")
        }
        runOffLevelWork()
    }

    /// Runs handlers i_sched queued, most favoured first, as long as the processor's priority
    /// lets them in: work scheduled while interrupts are disabled waits for the i_enable.
    func runOffLevelWork() {
        while crash == nil, let h = interrupts.nextOffLevel(above: cpu.priority) {
            note("off-level: calling \(functionName(h.handler)) at \(h.priority.name)" + lineSuffix(h.handler),
                 source: codeFrame(h.handler))
            // The kernel takes the request off its queue before calling: the handler may
            // i_sched it again.
            clearScheduledMark(of: h.intr)
            _ = runHandler(h.handler, argument: h.intr, kext: h.kext,
                           source: .offLevel(handler: functionName(h.handler)), priority: h.priority)
        }
    }

    /// Calls interrupt-level kext code: enters the interrupt environment at `priority`, calls,
    /// checks the priority on return, leaves. Returns the handler's result, or nil if the system
    /// crashed.
    func runHandler(_ function: UInt, argument: UInt, kext: KextID, source: InterruptSource,
                    priority: InterruptPriority) -> Int64?
    {
        guard crash == nil, let runtime else { return nil }
        cpu.enterInterrupt(source, at: priority)
        defer { if cpu.environment == .interrupt { _ = cpu.leaveInterrupt() } }
        guard codeIsPinned(kext) else {
            var unpinned = Crash(
                kind: .environmentViolation, ea: nil, access: nil, dsisr: nil,
                message: "\(handlerName(function)) runs at interrupt level, but \(name(of: kext)) never pinned its code",
                explanation: "Code that runs in the interrupt environment must be pinned: if its page were "
                    + "paged out, fetching the first instruction would be a page fault at interrupt level, "
                    + "which AIX cannot service. Drivers call pincode(their entry point) at CFG_INIT "
                    + "before registering handlers or starting timers, and unpincode at CFG_TERM.",
                kext: name(of: kext), location: handlerName(function))
                .breaking(rule: "Code that runs in the interrupt environment must be pinned before it can run there.",
                          fix: "Call pincode(your entry point) at CFG_INIT before i_init, tstart or timeout, and unpincode at CFG_TERM after the handlers are gone.")
            unpinned.frames = codeFrame(function).map { [$0] }
            recordCrash(unpinned)
            return nil
        }
        let outcome = runtime.callHandler(function, argument: argument, kext: kext)
        absorbDeliveries()
        switch outcome {
        case .returned(let value):
            return checkReturnPriority(of: functionName(function), kext: kext, expected: priority) ? value : nil
        case .faulted(let address, let access, let pc):
            recordCrash(dataStorageInterrupt(hostAddress: address, access: access, kext: kext,
                                             location: codeSite(pc), service: nil, pc: pc))
            return nil
        case .trapped(let fault):
            recordKextFault(fault, kext: kext, location: codeSite(fault.pc))
            return nil
        case .abandoned:
            return nil
        }
    }

    /// Checks that code the kernel called (an entry point, a handler) returned at the priority it
    /// was called at. AIX's device-entry checks halt the system when a driver returns with
    /// interrupts disabled; an interrupt handler that changes its level breaks the code it
    /// interrupted. Returns false, with the crash recorded, when the rule is broken.
    @discardableResult
    public func checkReturnPriority(of function: String, kext: KextID, expected: InterruptPriority) -> Bool {
        guard crash == nil, cpu.priority != expected else { return crash == nil }
        let now = cpu.priority
        let what = now.isMoreFavoured(than: expected)
            ? "\(function) raised the priority with i_disable (or disable_lock) and returned without the "
                + "matching i_enable. Its caller expects interrupts as they were; left disabled, every "
                + "interrupt of priority \(now.name) and less favoured stays blocked and the machine stops "
                + "servicing devices and timers."
            : "\(function) lowered the priority below the one it was called at (an i_enable with the wrong "
                + "value), so the code it returns to would run with interrupts it had masked enabled again."
        var c = Crash(
            kind: .environmentViolation, ea: nil, access: nil, dsisr: nil,
            message: "\(function) returned with the interrupt priority at \(now.name), not \(expected.name)",
            explanation: what + " AIX checks the priority when a kext entry point or handler returns and halts "
                + "the system.",
            kext: name(of: kext), location: function)
            .breaking(rule: "An entry point or handler returns at the interrupt priority it was called at.",
                      fix: "Pair every i_disable with an i_enable of the value it returned (and disable_lock with unlock_enable) on every path out of the function.")
        c.priority = now
        recordCrash(c)
        return false
    }

    /// Clears I_SCHED in a struct intr's flags; a kext that freed it meanwhile is not touched.
    func clearScheduledMark(of intr: UInt) {
        let at = intr + UInt(MemoryLayout<AIXSimKernelABI.intr>.offset(of: \AIXSimKernelABI.intr.flags)!)
        if case .success(let flags) = KextMemory.read(UInt16.self, at: at) {
            _ = KextMemory.write(flags & ~Self.I_SCHED, to: at)
        }
    }
}
