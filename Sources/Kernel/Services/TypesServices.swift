import ExecutionEnvironment

/// `<sys/types.h>`: getpid, which tells the environments apart (-1 at interrupt level).
extension Kernel {
    static let typesServices = ServiceTable(header: "sys/types.h", definitions: [
        "getpid": .init(implementation: { $0.getpid($1) }, arguments: { _, _ in [] }),
    ])

    /// The pid and tid the simulated sysconfig caller runs as: a kext's entry point runs in the
    /// process environment of the process that configured it.
    public static let configuringProcessID: Int32 = 20_142
    public static let configuringThreadID: Int64 = 41_269

    /// `pid_t getpid(void)`: -1 in the interrupt environment.
    func getpid(_ call: ServiceCall) -> ServiceReturn {
        let pid: Int64 = cpu.environment == .interrupt ? -1 : Int64(Self.configuringProcessID)
        record(call, result: pid)
        return .value(pid)
    }
}
