import AIXSimKernelABI
import CFaultGuard
import ExecutionEnvironment
import VMM

/// A handler registered with i_init.
struct RegisteredHandler {
    /// The kext's struct intr (a host pointer), which must stay put until i_clear.
    let intr: UInt
    let kext: KextID
    let level: Int32
    let priority: InterruptPriority
    let handler: UInt
    let notShared: Bool
}

extension Kernel {
    static let INTR_SUCC: Int64 = 0
    static let INTR_FAIL: Int64 = -1
    static let INTR_NOT_SHARED: UInt16 = 0x1

    // MARK: - i_init / i_clear / i_sched

    /// `int i_init(struct intr *handler)`
    func iInit(_ call: ServiceCall) -> ServiceReturn {
        guard let intr = copyIn(intr.self, from: call.arguments.pointer(0), call, what: "reading the struct intr")
        else { return .crashed }
        guard let h = registration(of: intr, call) else {
            record(call, result: Self.INTR_FAIL, detail: "no handler, or a priority that is not an interrupt level")
            return .value(Self.INTR_FAIL)
        }
        let existing = interruptHandlers[h.level] ?? []
        if !existing.isEmpty, h.notShared || existing.contains(where: \.notShared) {
            record(call, result: Self.INTR_FAIL,
                   detail: "level \(h.level) is taken and cannot be shared (INTR_NOT_SHARED)")
            return .value(Self.INTR_FAIL)
        }
        interruptHandlers[h.level, default: []].append(h)
        record(call, result: Self.INTR_SUCC,
               detail: "\(functionName(h.handler)) handles level \(h.level) at \(h.priority.name)")
        return .value(Self.INTR_SUCC)
    }

    /// `void i_clear(struct intr *handler)`
    func iClear(_ call: ServiceCall) -> ServiceReturn {
        let pointer = call.arguments.pointer(0)
        var removed = false
        for level in interruptHandlers.keys {
            let before = interruptHandlers[level]!.count
            interruptHandlers[level]!.removeAll { $0.intr == pointer }
            removed = removed || interruptHandlers[level]!.count != before
            if interruptHandlers[level]!.isEmpty { interruptHandlers[level] = nil }
        }
        record(call, result: 0, detail: removed ? "handler removed" : "that struct intr was not registered")
        return .value(0)
    }

    /// `void i_sched(struct intr *handler)`: runs the handler at its off-level priority once the
    /// current interrupt work is done.
    func iSched(_ call: ServiceCall) -> ServiceReturn {
        guard let intr = copyIn(intr.self, from: call.arguments.pointer(0), call, what: "reading the struct intr")
        else { return .crashed }
        guard let h = registration(of: intr, call) else {
            record(call, result: 0, detail: "ignored: no handler or no off-level priority")
            return .value(0)
        }
        offLevelQueue.append(h)
        record(call, result: 0, detail: "\(functionName(h.handler)) will run at \(h.priority.name)")
        return .value(0)
    }

    /// The handler a kext's struct intr describes, if it names a function and an interrupt
    /// priority (INTBASE is process level, not an interrupt priority).
    private func registration(of intr: intr, _ call: ServiceCall) -> RegisteredHandler? {
        guard let handler = Self.address(of: intr.handler),
              let priority = InterruptPriority(rawValue: intr.priority), priority != .INTBASE
        else { return nil }
        return RegisteredHandler(intr: call.arguments.pointer(0), kext: call.kext, level: intr.level, priority: priority,
                                 handler: handler, notShared: intr.flags & Self.INTR_NOT_SHARED != 0)
    }

    func intrArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "handler", value: describePointer(a.pointer(0)))]
    }

    // MARK: - Delivering interrupts

    /// Raises a device interrupt on `level`: each handler registered there is called in turn
    /// until one returns INTR_SUCC, then scheduled off-level work runs.
    public func raiseInterrupt(level: Int32) {
        guard crash == nil else { return }
        let handlers = interruptHandlers[level] ?? []
        guard !handlers.isEmpty else {
            note("device interrupt on level \(level): no handler is registered for it (i_init); it is lost")
            return
        }
        var claimed = false
        for h in handlers where crash == nil {
            let source = InterruptSource.device(level: level, handler: functionName(h.handler))
            note("device interrupt on level \(level): calling \(functionName(h.handler)) at \(h.priority.name)")
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

    /// Runs handlers i_sched queued, most favoured first.
    func runOffLevelWork() {
        while crash == nil, !offLevelQueue.isEmpty {
            let i = offLevelQueue.indices.min { offLevelQueue[$0].priority.isMoreFavoured(than: offLevelQueue[$1].priority) }!
            let h = offLevelQueue.remove(at: i)
            note("off-level: calling \(functionName(h.handler)) at \(h.priority.name)")
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
            recordCrash(Crash(
                kind: .environmentViolation, ea: nil, access: nil, dsisr: nil,
                message: "\(functionName(function)) runs at interrupt level, but \(name(of: kext)) never pinned its code",
                explanation: "Code that runs in the interrupt environment must be pinned: if its page were "
                    + "paged out, fetching the first instruction would be a page fault at interrupt level, "
                    + "which AIX cannot service. Drivers call pincode(their entry point) at CFG_INIT "
                    + "before registering handlers or starting timers, and unpincode at CFG_TERM.",
                kext: name(of: kext), location: functionName(function)))
            return nil
        }
        let outcome = runtime.callHandler(function, argument: argument, kext: kext)
        absorbDeliveries()
        switch outcome {
        case .returned(let value):
            return checkReturnPriority(of: functionName(function), kext: kext, expected: priority) ? value : nil
        case .faulted(let address, let isWrite, let pc):
            recordCrash(dataStorageInterrupt(hostAddress: address, isWrite: isWrite, kext: kext,
                                             location: runtime.location(of: pc), service: nil))
            return nil
        case .abandoned:
            return nil
        }
    }

    /// `name+0x0` for a kext function address.
    func functionName(_ address: UInt) -> String {
        let text = runtime?.location(of: address) ?? describePointer(address)
        return text.hasSuffix("+0x0") ? String(text.dropLast(4)) : text
    }

    /// Adds a line to the run's timeline.
    func note(_ text: String) {
        events.append(KernelEvent(afterCall: trace.totalCalls, phase: phase, time: now, text: text))
    }
}
