import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    /// A general-protection fault at a canonical address the guard decoded from the instruction:
    /// on x86-64 that is an aligned vector move (movaps, movdqa…) given an address that is not
    /// 16-byte aligned. nil for any other fault.
    func misalignedVectorCrash(_ fault: aixsim_fault, kext: KextID, location: String?) -> Crash? {
        guard fault.address_decoded != 0 else { return nil }
        let top = Int64(bitPattern: UInt64(fault.address)) >> 47
        guard top == 0 || top == -1 else { return nil }
        let access: Crash.Access = fault.is_write != 0 ? .store : .load
        let ea = vmm.map.effectiveAddress(of: HostAddress(rawValue: fault.address)) ?? EffectiveAddress(UInt64(fault.address))
        let at = location.map { " at \($0)" } ?? ""
        var crash = Crash(
            kind: .hostTrap, ea: ea, access: access, dsisr: nil,
            message: "\(name(of: kext)) made a misaligned vector \(access.rawValue) to \(ea)\(at)",
            explanation: "The host's aligned vector moves (movaps, movdqa and their AVX forms, which a "
                + "compiler emits for 16-byte types it believes aligned) trap on an address that is not a "
                + "multiple of 16; the host does not say which address, so aixsim decoded it from the "
                + "instruction. POWER's vector loads and stores do not trap on alignment (lvx/stvx ignore "
                + "the low four address bits, VSX accesses take any address), so on AIX the access would "
                + "go through, to a different address with lvx. Align the data, or copy it with memcpy.",
            kext: name(of: kext), location: location)
        crash.frames = faultFrames(pc: fault.pc, callers: fault.callerAddresses)
        return crash
    }
}
