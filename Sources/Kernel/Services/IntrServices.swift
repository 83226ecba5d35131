import AIXSimKernelABI
import ExecutionEnvironment

/// `<sys/intr.h>`: interrupt priorities (i_disable, i_enable), device interrupt handlers
/// (i_init, i_clear) and off-level scheduling (i_sched).
extension Kernel {
    static let intrServices = ServiceTable(header: "sys/intr.h", definitions: [
        "i_disable": .init(implementation: { $0.iDisable($1) }, arguments: { $0.priorityArguments($1) }),
        "i_enable": .init(implementation: { $0.iEnable($1) }, arguments: { $0.priorityArguments($1) }),
        "i_init": .init(implementation: { $0.iInit($1) }, arguments: { $0.intrArguments($1) }),
        "i_clear": .init(implementation: { $0.iClear($1) }, arguments: { $0.intrArguments($1) }),
        "i_sched": .init(implementation: { $0.iSched($1) }, arguments: { $0.intrArguments($1) }),
    ])

    // MARK: - i_disable / i_enable

    /// `int i_disable(int new)`
    func iDisable(_ call: ServiceCall) -> ServiceReturn {
        guard let new = InterruptPriority(rawValue: call.arguments.int(0)) else {
            return badPriority(call, call.arguments.int(0))
        }
        // Traced before the change, so the call shows the context it was made in.
        let old = cpu.priority
        record(call, result: Int64(old.rawValue),
               detail: "priority \(old.name) → \(InterruptPriority.mostFavoured(old, new).name)", resultText: old.name)
        _ = cpu.disable(to: new)
        return .value(Int64(old.rawValue))
    }

    /// `void i_enable(int old)`
    func iEnable(_ call: ServiceCall) -> ServiceReturn {
        guard let old = InterruptPriority(rawValue: call.arguments.int(0)) else {
            return badPriority(call, call.arguments.int(0))
        }
        record(call, result: 0, detail: "priority \(cpu.priority.name) → \(old.name)")
        cpu.enable(old)
        // Off-level work i_sched queued while the priority masked it comes in now.
        runOffLevelWork()
        return .value(0)
    }

    private func badPriority(_ call: ServiceCall, _ value: Int32) -> ServiceReturn {
        record(call, result: 0, detail: "crashed: \(value) is not an interrupt priority")
        recordCrash(Crash(
            kind: .environmentViolation, ea: nil, access: nil, dsisr: nil,
            message: "\(call.export.name)(\(value)): \(value) is not an interrupt priority",
            explanation: "Interrupt priorities run from INTMAX (0) to INTBASE (11). i_enable must be given "
                + "exactly the value i_disable returned; anything else leaves the processor at a priority "
                + "nobody meant.",
            kext: name(of: call.kext), location: callingFunction())
            .breaking(rule: "i_enable and unlock_enable take the priority that i_disable or disable_lock returned; a priority is a value from INTMAX to INTBASE.",
                      fix: "Keep the value i_disable returned in a local variable and give exactly that to i_enable."))
        return .crashed
    }

    func priorityArguments(_ a: ServiceArguments) -> [CallArgument] {
        let v = a.int(0)
        return [CallArgument(name: "priority", value: InterruptPriority(rawValue: v)?.name ?? String(v))]
    }

    // MARK: - i_init / i_clear / i_sched

    /// `int i_init(struct intr *handler)`
    func iInit(_ call: ServiceCall) -> ServiceReturn {
        guard let intr = copyIn(intr.self, from: call.arguments.pointer(0), call, what: "reading the struct intr")
        else { return .crashed }
        guard let h = registration(of: intr, call) else {
            record(call, result: Self.INTR_FAIL, detail: "no handler, or a priority that is not an interrupt level")
            return .value(Self.INTR_FAIL)
        }
        if interrupts.levelIsTaken(for: h) {
            record(call, result: Self.INTR_FAIL,
                   detail: "level \(h.level) is taken and cannot be shared (INTR_NOT_SHARED)")
            return .value(Self.INTR_FAIL)
        }
        interrupts.register(h)
        record(call, result: Self.INTR_SUCC,
               detail: "\(handlerName(h.handler)) handles level \(h.level) at \(h.priority.name)")
        return .value(Self.INTR_SUCC)
    }

    /// `void i_clear(struct intr *handler)`
    func iClear(_ call: ServiceCall) -> ServiceReturn {
        let removed = interrupts.clear(intr: call.arguments.pointer(0))
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
        // AIX 5.3 <sys/intr.h>: a queued request carries I_SCHED in its flags and is not queued
        // twice.
        if intr.flags & Self.I_SCHED != 0 {
            record(call, result: 0, detail: "already scheduled (I_SCHED): not queued again")
            return .value(0)
        }
        let flagsAt = call.arguments.pointer(0) + UInt(MemoryLayout<AIXSimKernelABI.intr>.offset(of: \AIXSimKernelABI.intr.flags)!)
        if case .failure(let fault) = KextMemory.write(intr.flags | Self.I_SCHED, to: flagsAt) {
            return crashed(call, fault, detail: "crashed marking the struct intr", what: "setting I_SCHED in handler->flags")
        }
        interrupts.scheduleOffLevel(h)
        let now = h.priority.isMoreFavoured(than: cpu.priority)
        record(call, result: 0, detail: "\(handlerName(h.handler)) will run at \(h.priority.name)"
               + (now ? " now: the processor is at \(cpu.priority.name)" : " when the priority drops below it"))
        // Scheduled from process level with the off-level priority unmasked, it is taken at once.
        if now, cpu.environment == .process { runOffLevelWork() }
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
}
