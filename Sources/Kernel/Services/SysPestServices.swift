/// `<sys/syspest.h>`: panic, and aixsim_assert behind the header's assert macro.
extension Kernel {
    static let sysPestServices = ServiceTable(header: "sys/syspest.h", definitions: [
        "panic": .init(implementation: { $0.panic($1) }, arguments: { $0.panicArguments($1) }),
        "aixsim_assert": .init(implementation: { $0.assertFailed($1) }, arguments: { $0.assertArguments($1) }),
    ])

    /// `void panic(const char *s)`: logs s and halts the system.
    func panic(_ call: ServiceCall) -> ServiceReturn {
        let message = kextString(call.arguments.pointer(0)) ?? "(unreadable message)"
        record(call, result: 0, detail: "the system halts")
        recordCrash(Crash(
            kind: .panic, ea: nil, access: nil, dsisr: nil, message: "panic: \(message)",
            explanation: "The kext called panic: it found a state it could not continue from. AIX logs "
                + "the message, takes a system dump and halts.",
            kext: name(of: call.kext), location: callingFunction()))
        return .crashed
    }

    /// The `assert` macro of `<sys/syspest.h>`: a failed assertion halts the system.
    func assertFailed(_ call: ServiceCall) -> ServiceReturn {
        let expression = kextString(call.arguments.pointer(0)) ?? "?"
        let file = kextString(call.arguments.pointer(1)) ?? "?"
        let line = call.arguments.int(2)
        record(call, result: 0, detail: "the system halts")
        recordCrash(Crash(
            kind: .assert, ea: nil, access: nil, dsisr: nil,
            message: "assert(\(expression)) failed at \(file):\(line)",
            explanation: "An assertion in the kext was false. On AIX assert compiles to a trap "
                + "instruction; the trap is a system crash (into the kernel debugger if one is loaded).",
            kext: name(of: call.kext), location: callingFunction() ?? "\(file):\(line)"))
        return .crashed
    }

    func panicArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "s", value: kextString(a.pointer(0)).map { "\"\($0)\"" } ?? describePointer(a.pointer(0)))]
    }

    func assertArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "expression", value: kextString(a.pointer(0)) ?? "?"),
            CallArgument(name: "file", value: kextString(a.pointer(1)) ?? "?"),
            CallArgument(name: "line", value: String(a.int(2))),
        ]
    }
}
