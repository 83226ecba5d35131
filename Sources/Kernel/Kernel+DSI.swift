import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    /// Turns a host memory fault caused by kext code into the Data Storage Interrupt AIX would
    /// have taken, worded for the person who wrote the kext, and records it as the run's crash.
    public func recordDataStorageInterrupt(hostAddress: UInt, isWrite: Bool, kext: KextID,
                                           location: String?)
    {
        recordCrash(dataStorageInterrupt(hostAddress: hostAddress, isWrite: isWrite, kext: kext,
                                         location: location, service: nil))
    }

    /// A fault inside a service on memory a kext handed it (through a pointer argument): AIX
    /// takes the same DSI, in kernel code, on the kext's behalf.
    func serviceFault(_ fault: aixsim_fault, in call: ServiceCall, what: String) -> Crash {
        dataStorageInterrupt(hostAddress: fault.address, isWrite: fault.is_write != 0,
                             kext: call.kext, location: "in \(call.export.name), \(what)",
                             service: call.export.name)
    }

    /// The translation of a faulting address told in words: segment and key, then the page table.
    static func translationStory(_ mmu: MMUContext) -> String {
        guard let s = mmu.segment else { return "" }
        var text = "The address lies in segment ESID \(s.esid), which the SLB maps to VSID \(s.vsid) with "
            + "Ks=\(s.ks) and Kp=\(s.kp): kernel code runs with key \(s.ks), user code with key \(s.kp). "
        if mmu.pte == nil, let p = mmu.primaryPTEG, let q = mmu.secondaryPTEG {
            text += "The hashed page table has no entry for the page (the search looked in PTEG \(p), then "
                + "in the secondary PTEG \(q)), and the VMM has no page there to bring in, so there is "
                + "nothing to translate to. "
        }
        return text
    }

    func dataStorageInterrupt(hostAddress: UInt, isWrite: Bool, kext: KextID, location: String?,
                              service: String?) -> Crash
    {
        if let failure = pagingFailureCrash(hostAddress: hostAddress, isWrite: isWrite, kext: kext,
                                            location: location) { return failure }
        let access: Crash.Access = isWrite ? .store : .load
        let verb = isWrite ? "store to" : "load from"
        let dsisr: DSISR = isWrite ? [.noTranslation, .store] : .noTranslation
        let margin = PageSize.bytes
        let by = service.map { "\($0), called by \(name(of: kext)), made a" } ?? "\(name(of: kext)) made a"
        let noContext = "No setjmpx context was saved to catch it, so AIX halts: a system crash."

        guard let ea = heap.map.effectiveAddress(nearHost: hostAddress, margin: margin) else {
            let address = EffectiveAddress(UInt64(hostAddress))
            return Crash(
                kind: .dsi, ea: address, access: access, dsisr: dsisr,
                message: "DSI: \(verb) \(address), outside the kernel's global memory",
                explanation: "\(by) \(access.rawValue) at an address no kernel service handed out: "
                    + (hostAddress < 0x10000 ? "a NULL pointer, or a small offset from one. " : "a wild or uninitialised pointer. ")
                    + "There is no page-table entry for it, so the MMU raises a Data Storage "
                    + "Interrupt (DSISR \(dsisr)). " + noContext,
                kext: name(of: kext), location: location)
        }

        let what: String
        var explanation: String
        var system = false
        switch heap.relation(of: ea) {
        case .inside(let r) where !cpu.mayPageFault:
            let level = cpu.source.map { "in the interrupt environment (\($0)) at \(cpu.priority.name)" }
                ?? "with interrupts disabled to \(cpu.priority.name)"
            let crash = Crash(
                kind: .dsi, ea: ea, access: access, dsisr: dsisr,
                message: "page fault \(level): \(verb) \(ea), in the \(ByteCount(r.size)) region at \(r.start), which is not pinned",
                explanation: "\(by) \(access.rawValue) of global memory that is not pinned while it could not take a "
                    + "page fault (\(level)). Pageable memory may be out on paging space at any moment; bringing "
                    + "it back needs a page fault, and AIX cannot service a page fault at interrupt level or "
                    + "with interrupts disabled: it crashes. That the page happens to be resident now is luck; "
                    + "under memory pressure it will not be. Pin the memory (pin, or xmalloc from pinned_heap) "
                    + "before touching it from interrupt-level code or with interrupts disabled.",
                kext: name(of: kext), location: location)
            return crash
        case .inside(let r):
            // A live region faulted: aixsim backs live regions whole, so this means the page
            // was made inaccessible behind the VMM's back. Report it plainly.
            what = "inside the live \(ByteCount(r.size)) region at \(r.start)"
            explanation = "\(by) \(access.rawValue) inside a live region, which should not fault. "
            system = r.flags.contains(.system)
        case .insideFreed(let f):
            let r = f.region
            what = "inside the \(ByteCount(r.size)) region at \(r.start), which vm_gfree had freed"
            explanation = "\(by) \(access.rawValue) through a pointer to global memory that "
                + "was already returned with vm_gfree (use after free). Once freed, the region's "
                + "pages belong to no allocation: the page table has no entry for them"
            // A freed area is no longer a V_SYSTEM area: the V_SYSTEM rule ended with it.
            explanation += ". "
        case .nearest(let r, let distance) where distance > 0:
            // distance counts from the region's last byte: 1 is the first byte after it.
            what = (distance == 1 ? "at the first byte past the end of the "
                : "\(distance - 1) bytes past the end of the ")
                + "\(ByteCount(r.size)) region at \(r.start)"
            explanation = "\(by) \(access.rawValue) beyond the last byte of a region it "
                + "allocated with vm_galloc (an overrun). The memory after a region belongs to no "
                + "allocation, so the page table has no entry for it. "
            system = r.flags.contains(.system)
        case .nearest(let r, let distance):
            what = "\(-distance) byte\(distance == -1 ? "" : "s") before the start of the "
                + "\(ByteCount(r.size)) region at \(r.start)"
            explanation = "\(by) \(access.rawValue) in front of a region it allocated "
                + "with vm_galloc (an underrun). That memory belongs to no allocation, so the page "
                + "table has no entry for it. "
            system = r.flags.contains(.system)
        case .none:
            what = "in the galloc heap, where nothing is allocated"
            explanation = "\(by) \(access.rawValue) in global memory that no vm_galloc "
                + "call handed out. "
        }
        let mmu = mmuContext(for: ea)
        explanation += Self.translationStory(mmu)
        explanation += xmallocContext(of: ea)
        explanation += "The MMU raises a Data Storage Interrupt (DSISR \(dsisr)). "
        explanation += system
            ? "The region was allocated with V_SYSTEM, so a storage reference error in it is always a system crash."
            : noContext
        var crash = Crash(kind: .dsi, ea: ea, access: access, dsisr: dsisr,
                          message: "DSI: \(verb) \(ea), \(what)", explanation: explanation,
                          kext: name(of: kext), location: location)
        crash.mmu = mmu
        return crash
    }
}
