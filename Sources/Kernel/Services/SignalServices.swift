import ExecutionEnvironment

/// `<sys/signal.h>`: pidsig. aixsim's one process is the configuring one (getpid's value at
/// process level); a signal to it is noted on the run's timeline, where a reader looks for what
/// the kext told its process. A signal to another pid reaches nobody, as on AIX.
extension Kernel {
    static let signalServices = ServiceTable(header: "sys/signal.h", definitions: [
        "pidsig": .init(implementation: { $0.pidsig($1) }, arguments: { _, a in
            [CallArgument(name: "pid", value: String(a.long(0))),
             CallArgument(name: "sig", value: Kernel.aixSignalName(a.int(1)))]
        }),
    ])

    /// AIX's numbers for the signals kexts post (AIX 5.3 <sys/signal.h>, as aix-include has them).
    static func aixSignalName(_ sig: Int32) -> String {
        let names: [Int32: String] = [1: "SIGHUP", 2: "SIGINT", 9: "SIGKILL", 14: "SIGALRM", 15: "SIGTERM",
                                      20: "SIGCHLD", 30: "SIGUSR1", 31: "SIGUSR2", 33: "SIGDANGER"]
        return names[sig].map { "\($0) (\(sig))" } ?? String(sig)
    }

    /// `void pidsig(pid_t pid, int sig)`
    func pidsig(_ call: ServiceCall) -> ServiceReturn {
        let pid = call.arguments.long(0)
        let sig = call.arguments.int(1)
        let text = pid == Int64(Self.configuringProcessID)
            ? "signal \(Self.aixSignalName(sig)) posted to process \(pid)"
            : "signal \(Self.aixSignalName(sig)) to process \(pid), which does not exist: nobody receives it"
        note(text)
        record(call, result: 0, detail: text)
        return .value(0)
    }
}
