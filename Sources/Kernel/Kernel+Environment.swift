import ExecutionEnvironment
import VMM

extension Kernel {
    /// The pid and tid the simulated sysconfig caller runs as: a kext's entry point runs in the
    /// process environment of the process that configured it.
    public static let configuringProcessID: Int32 = 20_142
    public static let configuringThreadID: Int64 = 41_269

    func environmentViolation(_ v: EnvironmentViolation, kext: KextID) -> Crash {
        var crash = Crash(kind: .environmentViolation, ea: nil, access: nil, dsisr: nil,
                          message: v.message, explanation: v.explanation, kext: name(of: kext),
                          location: callingFunction())
        crash.service = v.service
        return crash
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
        c.priority = now
        recordCrash(c)
        return false
    }

    /// Whether a kext has pinned its text and data with pincode.
    public func codeIsPinned(_ kext: KextID) -> Bool { (codePins[kext] ?? 0) > 0 }

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
            kext: name(of: call.kext), location: callingFunction()))
        return .crashed
    }

    func priorityArguments(_ a: ServiceArguments) -> [CallArgument] {
        let v = a.int(0)
        return [CallArgument(name: "priority", value: InterruptPriority(rawValue: v)?.name ?? String(v))]
    }

    // MARK: - getpid / thread_self

    /// `pid_t getpid(void)`: -1 in the interrupt environment.
    func getpid(_ call: ServiceCall) -> ServiceReturn {
        let pid: Int64 = cpu.environment == .interrupt ? -1 : Int64(Self.configuringProcessID)
        record(call, result: pid)
        return .value(pid)
    }

    /// `tid_t thread_self(void)`: -1 in the interrupt environment.
    func threadSelf(_ call: ServiceCall) -> ServiceReturn {
        let tid: Int64 = cpu.environment == .interrupt ? -1 : Self.configuringThreadID
        record(call, result: tid)
        return .value(tid)
    }

    // MARK: - pincode / unpincode

    /// `int pincode(int (*func)())`: pins the text and data of the kext containing func.
    func pincode(_ call: ServiceCall) -> ServiceReturn {
        guard let kext = runtime?.kext(containing: call.arguments.pointer(0)) else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "func is not in a loaded kext")
            return .errno(.invalidArgument)
        }
        codePins[kext, default: 0] += 1
        record(call, result: 0, detail: "\(name(of: kext))'s text and data pinned (count \(codePins[kext]!))")
        return .value(0)
    }

    /// `int unpincode(int (*func)())`
    func unpincode(_ call: ServiceCall) -> ServiceReturn {
        guard let kext = runtime?.kext(containing: call.arguments.pointer(0)), (codePins[kext] ?? 0) > 0 else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "the kext's code is not pinned")
            return .errno(.invalidArgument)
        }
        codePins[kext]! -= 1
        record(call, result: 0, detail: "pin count now \(codePins[kext]!)")
        return .value(0)
    }

    func functionArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "func", value: functionName(a.pointer(0)))]
    }
}
