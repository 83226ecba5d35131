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
        process.space.enter(.kernel)
        vmm.setUserSegmentReachable(false)
    }

    /// Returns to the user program; the error word the system call left (0: none).
    @discardableResult
    public func leaveSystemCall() -> Int32 {
        guard let process = userProcess else { return 0 }
        process.systemCall = nil
        process.space.enter(.user)
        vmm.setUserSegmentReachable(true)
        return process.uerror
    }

    /// Runs `body` (an interrupt the user program raised) with the process's memory closed, as
    /// during a system call: an interrupt handler runs in no process's address space, so it
    /// reaches user memory only through cross-memory services, which open it for their copy.
    public func withUserMemoryClosed<T>(_ body: () -> T) -> T {
        guard let process = userProcess, process.space.mode == .user else { return body() }
        process.space.enter(.kernel)
        vmm.setUserSegmentReachable(false)
        defer {
            process.space.enter(.user)
            vmm.setUserSegmentReachable(true)
        }
        return body()
    }

    /// The user effective address of a host address in the user process's segment.
    public func userEffectiveAddress(of host: UInt) -> EffectiveAddress? {
        userProcess?.space.effectiveAddress(of: host)
    }
}
