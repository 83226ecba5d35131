import CFaultGuard
import ExecutionEnvironment
import VMM

/// `<sys/except.h>`: setjmpx (the kernel half of the macro), longjmpx and clrjmpx.
extension Kernel {
    static let exceptServices = ServiceTable(header: "sys/except.h", definitions: [
        "setjmpx": .init(implementation: { $0.setjmpx($1) }, arguments: { $0.labelArguments($1) }),
        "longjmpx": .init(implementation: { $0.longjmpx($1) }, arguments: { $0.longjmpxArguments($1) }),
        "clrjmpx": .init(implementation: { $0.clrjmpx($1) }, arguments: { $0.labelArguments($1) }),
    ])

    /// Offsets into label_t (<sys/types.h>): prev, iar, stack, toc, cr, intpri, reg[].
    static let labelPriorityOffset = 40
    static let labelCodeOffset = 48 + 8 * AIXSIM_LABEL_CODE_WORD
    /// The exception code a DSI is delivered with. The corresponding AIX constant is `EXCEPT_DSI`.
    public static let EXCEPT_DSI: Int32 = 262

    /// `int setjmpx(label_t *jump_buffer)` (the part after the kext saved its registers):
    /// records the context with the current priority on this level's stack.
    func setjmpx(_ call: ServiceCall) -> ServiceReturn {
        let label = call.arguments.pointer(0)
        if case .failure(let fault) = KextMemory.storeWord(UInt(cpu.priority.rawValue),
                                                           at: label &+ UInt(Self.labelPriorityOffset))
        {
            return crashed(call, fault, detail: "crashed writing the label", what: "saving the context in the label")
        }
        aixsim_jmpx_push(UnsafeMutableRawPointer(bitPattern: label))
        if let runtime, let pc = callingInstruction(runtime) { accounting.setjmpxSites[label] = pc }
        record(call, result: 0, detail: "context saved at \(cpu.priority.name)")
        return .value(0)
    }

    /// `int longjmpx(int ret_val)`: resumes the most recent context of this level, with its
    /// saved priority; 0 becomes EINTR. With no context saved, the system crashes.
    func longjmpx(_ call: ServiceCall) -> ServiceReturn {
        let value = call.arguments.int(0)
        guard let label = aixsim_jmpx_top().map({ UInt(bitPattern: $0) }) else {
            record(call, result: 0, detail: "no context saved")
            recordCrash(Crash(
                kind: .unhandledException, ea: nil, access: nil, dsisr: nil,
                message: "longjmpx(\(value)) with no setjmpx context saved",
                explanation: "longjmpx resumes the most recent context saved with setjmpx at this "
                    + "interrupt level. There is none, so there is nowhere to go: AIX halts the system.",
                kext: name(of: call.kext), location: callingFunction()))
            return .crashed
        }
        let code = value == 0 ? AIXErrno.interrupted.rawValue : value
        let saved: UInt
        switch KextMemory.storeWord(UInt(bitPattern: Int(code)), at: label &+ UInt(Self.labelCodeOffset))
            .flatMap({ KextMemory.read(UInt.self, at: label &+ UInt(Self.labelPriorityOffset)) })
        {
        case .success(let word): saved = word
        case .failure(let fault):
            // setjmpx wrote this label, so only a kext that freed it since can get here.
            return crashed(call, fault, detail: "crashed reading the label", what: "resuming the context in the label")
        }
        aixsim_jmpx_pop()
        if let p = InterruptPriority(rawValue: Int32(truncatingIfNeeded: saved)) { cpu.restore(p) }
        record(call, result: Int64(code), detail: "resumes the setjmpx context at \(describePointer(label))\(setjmpxSite(of: label)) with \(code), at \(cpu.priority.name)")
        aixsim_request_resume(UnsafeMutableRawPointer(bitPattern: label))
        return .resume
    }

    /// `void clrjmpx(label_t *jump_buffer)`: pops the most recent context on the normal path.
    func clrjmpx(_ call: ServiceCall) -> ServiceReturn {
        let label = call.arguments.pointer(0)
        let top = aixsim_jmpx_top().map { UInt(bitPattern: $0) }
        guard top == label else {
            record(call, result: 0, detail: "crashed: not the most recent context")
            recordCrash(Crash(
                kind: .unhandledException, ea: nil, access: nil, dsisr: nil,
                message: "clrjmpx of \(describePointer(label)), which is not the most recent setjmpx context"
                    + (top.map { " (that is \(describePointer($0)))" } ?? " (none is saved)"),
                explanation: "setjmpx contexts nest like a stack: clrjmpx removes the most recent one. Clearing "
                    + "another leaves the kernel's exception chain pointing at a stale frame.",
                kext: name(of: call.kext), location: callingFunction()))
            return .crashed
        }
        aixsim_jmpx_pop()
        record(call, result: 0, detail: "context removed")
        return .value(0)
    }

    func labelArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "jump_buffer", value: describePointer(a.pointer(0)))]
    }

    func longjmpxArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "ret_val", value: String(a.int(0)))]
    }
}
