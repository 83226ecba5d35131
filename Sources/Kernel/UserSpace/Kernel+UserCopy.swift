import CFaultGuard

extension Kernel {
    /// uiomove's copy when the uio describes buffers of the user process making a system call:
    /// only the process's mapped memory may be the user side (else the fault uiomove turns
    /// into EFAULT), copied through the copy services' window. Any other uio copies as before.
    func uioCopy(_ count: Int, from source: UInt, to destination: UInt, user: UInt, segment: Int16)
        -> Result<Void, KextMemoryFault>
    {
        guard segment == UIOSegment.userSpace.rawValue, let process = userProcess, process.systemCall != nil else {
            return KextMemory.copy(count, from: source, to: destination)
        }
        guard process.space.contains(user, count: count) else {
            var fault = aixsim_fault()
            fault.address = user
            return .failure(KextMemoryFault(hostFault: fault))
        }
        return process.space.withKernelAccess { KextMemory.copy(count, from: source, to: destination) }
    }
}

extension Kernel {
    /// Whether a user-space buffer (pinu, xmempin) is the calling process's memory; nil when no
    /// user process is in a system call, leaving the caller's own check.
    func userBufferMapped(_ base: UInt, length: Int) -> Bool? {
        guard let process = userProcess, process.systemCall != nil else { return nil }
        return process.space.contains(base, count: length)
    }
}
