import CFaultGuard

/// The kernel's public view of its components' state, under the names the loader, the CLI and
/// the reports have always used.
extension Kernel {
    /// The calls so far, as of now: later calls do not change the copy returned.
    public var trace: CallTrace { dispatcher.trace.detached() }
    /// How many service calls were counted so far: the trace's total without copying the trace.
    public var totalCalls: Int { dispatcher.trace.totalCalls }
    /// Everything the kexts printed, in order.
    public var console: [String] { dispatcher.console }
    /// The entry-point command being run, for the trace (`CFG_INIT`, `CFG_TERM`, …).
    public var phase: String {
        get { dispatcher.phase }
        set {
            dispatcher.phase = newValue
            observer?.kernel(.phase(newValue))
        }
    }

    /// The simulated CPU's environment: process or interrupt, priority, interrupted levels.
    /// Every change goes through here, so the host protection of unpinned global memory follows
    /// whether the CPU may take a page fault.
    public internal(set) var cpu: EnvironmentTracker {
        get { interrupts.cpu }
        set {
            let changed = newValue.mayPageFault != interrupts.cpu.mayPageFault
            interrupts.cpu = newValue
            if changed { syncPageFaultProtection() }
        }
    }

    /// Simulated time.
    public internal(set) var now: SimulatedTime {
        get { clock.now }
        set { clock.now = newValue }
    }

    /// Findings noticed during the run (besides those checked at unload).
    public var findings: [Finding] { accounting.findings }
    /// What the kernel did on its own during the run, in order.
    public var events: [KernelEvent] { accounting.events }

    /// Keeps the host protection of unpinned global memory in step with whether the CPU may
    /// take a page fault, and tells the fault handler (which must then never hand such a fault to
    /// a setjmpx context: it is a crash).
    func syncPageFaultProtection() {
        let allowed = cpu.mayPageFault
        if !vmm.setPageFaultsAllowed(allowed) {
            note("the host refused a protection change (vm.max_map_count?): unpinned pages may stay accessible")
        }
    }

    /// Adds a line to the run's timeline.
    func note(_ text: String, source: KextFrame? = nil) {
        accounting.events.append(KernelEvent(afterCall: dispatcher.trace.totalCalls, phase: phase, time: now, text: text,
                                             source: source))
        if observer != nil { publishProgress() }
    }
}
