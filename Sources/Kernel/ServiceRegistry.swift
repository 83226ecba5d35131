/// Every exported service's implementation, by name. Each group of services keeps its own
/// table next to its code; the kernel refuses to start if the export list names a service
/// missing from all of them.
extension Kernel {
    static let serviceDefinitions: [String: ServiceDefinition] = [
        gallocServices, environmentServices, pinServices, xmallocServices, pagingServices,
    ].reduce(into: [:]) { all, group in
        all.merge(group) { _, _ in fatalError("a kernel service is defined twice") }
    }

    static let environmentServices: [String: ServiceDefinition] = [
        "i_disable": .init(implementation: { $0.iDisable($1) }, arguments: { $0.priorityArguments($1) }),
        "i_enable": .init(implementation: { $0.iEnable($1) }, arguments: { $0.priorityArguments($1) }),
        "getpid": .init(implementation: { $0.getpid($1) }, arguments: { _, _ in [] }),
        "thread_self": .init(implementation: { $0.threadSelf($1) }, arguments: { _, _ in [] }),
        "panic": .init(implementation: { $0.panic($1) }, arguments: { $0.panicArguments($1) }),
        "aixsim_assert": .init(implementation: { $0.assertFailed($1) }, arguments: { $0.assertArguments($1) }),
        "pincode": .init(implementation: { $0.pincode($1) }, arguments: { $0.functionArguments($1) }),
        "unpincode": .init(implementation: { $0.unpincode($1) }, arguments: { $0.functionArguments($1) }),
        "i_init": .init(implementation: { $0.iInit($1) }, arguments: { $0.intrArguments($1) }),
        "i_clear": .init(implementation: { $0.iClear($1) }, arguments: { $0.intrArguments($1) }),
        "i_sched": .init(implementation: { $0.iSched($1) }, arguments: { $0.intrArguments($1) }),
        "talloc": .init(implementation: { $0.talloc($1) }, arguments: { _, _ in [] }),
        "tfree": .init(implementation: { $0.tfree($1) }, arguments: { $0.trbArguments($1) }),
        "tstart": .init(implementation: { $0.tstart($1) }, arguments: { $0.trbArguments($1) }),
        "tstop": .init(implementation: { $0.tstop($1) }, arguments: { $0.trbArguments($1) }),
        "timeout": .init(implementation: { $0.timeout($1) }, arguments: { $0.timeoutArguments($1) }),
        "untimeout": .init(implementation: { $0.untimeout($1) }, arguments: { $0.timeoutArguments($1) }),
        "e_sleep": .init(implementation: { $0.eSleep($1) }, arguments: { $0.eventWordArguments($1) }),
        "e_wakeup": .init(implementation: { $0.eWakeup($1) }, arguments: { $0.eventWordArguments($1) }),
        "setjmpx": .init(implementation: { $0.setjmpx($1) }, arguments: { $0.labelArguments($1) }),
        "longjmpx": .init(implementation: { $0.longjmpx($1) }, arguments: { $0.longjmpxArguments($1) }),
        "clrjmpx": .init(implementation: { $0.clrjmpx($1) }, arguments: { $0.labelArguments($1) }),
    ]
}
