import ExecutionEnvironment

/// `<sys/thread.h>`: thread_self, -1 at interrupt level.
extension Kernel {
    static let threadServices = ServiceTable(header: "sys/thread.h", definitions: [
        "thread_self": .init(implementation: { $0.threadSelf($1) }, arguments: { _, _ in [] }),
    ])

    /// `tid_t thread_self(void)`: -1 in the interrupt environment.
    func threadSelf(_ call: ServiceCall) -> ServiceReturn {
        let tid: Int64 = cpu.environment == .interrupt ? -1 : Self.configuringThreadID
        record(call, result: tid)
        return .value(tid)
    }
}
