import PowerArch

/// The boundary between the simulated user process and the kernel: entering a system call puts
/// the process's memory out of the kernel's direct reach (host protection for native code, the
/// user segment's SLB entry for the software MMU), leaving it gives it back.
extension Kernel {
    /// Starts the run's user process; the copy services reach its memory from now on.
    public func startUserProcess(_ process: UserProcess) {
        userProcess = process
        vmm.mapUserSegment(pages: process.space.dataSegmentPages)
    }

    /// Enters `name` on behalf of the user process: process environment, the process current,
    /// its error word cleared, its memory closed to direct access.
    public func enterSystemCall(_ name: String) {
        guard let process = userProcess else { return }
        process.systemCall = name
        process.uerror = 0
        setUserMemoryOpen(false, for: process)
    }

    /// Returns to the user program; the error word the system call left (0: none).
    @discardableResult
    public func leaveSystemCall() -> Int32 {
        guard let process = userProcess else { return 0 }
        process.systemCall = nil
        setUserMemoryOpen(true, for: process)
        return process.uerror
    }

    /// Runs `body` (an interrupt the user program raised) with the process's memory closed, as
    /// during a system call: an interrupt handler runs in no process's address space, so it
    /// reaches user memory only through cross-memory services, which open it for their copy.
    public func withUserMemoryClosed<T>(_ body: () -> T) -> T {
        guard let process = userProcess, process.space.mode == .user else { return body() }
        setUserMemoryOpen(false, for: process)
        defer { setUserMemoryOpen(true, for: process) }
        return body()
    }

    /// Opens (the user program runs) or closes (kernel code runs) the process's memory: its host
    /// protection, for native code, and its SLB entry, for the software MMU.
    private func setUserMemoryOpen(_ open: Bool, for process: UserProcess) {
        process.space.enter(open ? .user : .kernel)
        vmm.setUserSegmentReachable(open)
    }

    /// The user effective address of a host address in the user process's segment.
    public func userEffectiveAddress(of host: UInt) -> EffectiveAddress? {
        userProcess?.space.effectiveAddress(of: host)
    }
}
