import PowerArch

/// Kernel code that touched the user process's memory directly, not through a copy service.
extension Kernel {
    /// The crash for a fault at `hostAddress` if it lies in the user segment, else nil.
    func userAddressFault(hostAddress: UInt, access kind: AccessKind, kext: KextID, location: String?) -> Crash? {
        guard let process = userProcess, process.space.reserves(hostAddress),
              let ea = process.space.effectiveAddress(of: hostAddress) else { return nil }
        let access: Crash.Access = kind == .store ? .store : .load
        let dsisr: DSISR = kind == .store ? [.noTranslation, .store] : [.noTranslation]
        return Crash(
            kind: .dsi, ea: ea, access: access, dsisr: dsisr,
            message: "DSI: kernel code \(kind == .store ? "stored to" : "loaded from") user address \(ea) directly",
            explanation: "\(ea) belongs to the user process's address space, not the kernel's. Kernel code "
                + "must not dereference a user pointer: the user segment is not part of the kernel's "
                + "address space, and the address may be bad or paged out. (In the MMU: while a system "
                + "call or an interrupt handler runs, the kernel's SLB has no entry for the user segment, ESID 0x11, so the "
                + "address translates to nothing.) AIX kernel extensions reach "
                + "user memory only with copyin/copyout (or uiomove, fubyte/subyte, cross-memory "
                + "services), which check the address and return EFAULT instead of crashing.",
            kext: name(of: kext), location: location)
    }
}
