import CFaultGuard
import PowerArch
import VMM

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
        let access: AccessKind = destination == user ? .store : .load
        guard userRangeTranslates(user, count: count, access: access, in: process) else {
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
        return userRangeTranslates(base, count: length, access: .load, in: process)
    }

    /// Whether every page of a user range translates through the software MMU with the user
    /// segment addressable, as the copy services make it for their copy: the process's mapped
    /// pages get their PTE (PP 10) on first touch, with R, and C on a store; a page it has not
    /// mapped has no PTE (the DSI the copy services turn into EFAULT); an address outside the
    /// segment is no user address at all.
    func userRangeTranslates(_ address: UInt, count: Int, access: AccessKind, in process: UserProcess) -> Bool {
        guard count >= 0, let ea = process.space.effectiveAddress(of: address), vmm.userSegment != nil else {
            return false
        }
        let space = process.space
        // The MMU models the data segment (ESID 0x11) only; a C program's text and literals
        // (ESID 0x10) are checked against the pieces of its object the process holds.
        guard ea.esid == UserSegment.dataESID else { return space.contains(address, count: count) }
        return vmm.withUserSegment {
            vmm.translateUserRange(ea, count: max(count, 1), access: access, state: .supervisor,
                                   isMapped: { space.isMapped($0) })
        } == nil
    }
}
