import PowerArch
import VMM

extension Kernel {
    /// Replays the fault handler's page events into the page table and charges their counts to
    /// `kext` (nil: the kext of the most recent service call), so per-kext fault counts stay
    /// exact at every point Swift code runs.
    public func absorbPageEvents(by kext: KextID? = nil) {
        let counts = vmm.drainPageEvents()
        guard !counts.isEmpty else { return }
        if let who = kext ?? accounting.pageFaultKext { accounting.charge(counts, to: who) }
    }

    /// Page-fault activity charged to `kext`.
    public func pageFaultCounts(of kext: KextID) -> PageFaultCounts {
        accounting.pageFaults[kext] ?? PageFaultCounts()
    }

    /// A crash for a fault the VMM allowed but could not resolve, if that is what the fault at
    /// `hostAddress` was: the touch cannot be satisfied.
    func pagingFailureCrash(hostAddress: UInt, access kind: AccessKind, kext: KextID, location: String?) -> Crash? {
        guard let failure = vmm.takePagingFailure() else { return nil }
        let ea = vmm.map.effectiveAddress(ofKextPointer: hostAddress) ?? failure.ea
        let verb = kind == .store ? "store to" : "load from"
        let (message, explanation): (String, String)
        switch failure.reason {
        case .realMemoryExhausted:
            message = "page fault on \(ea) cannot be satisfied: every frame of real memory is pinned"
            explanation = "\(name(of: kext)) made a \(verb) \(ea), a page that needs a frame of real memory. "
                + "The VMM steals frames from unpinned pages, but all \(ByteCount(vmm.realMemoryBytes)) of "
                + "real memory is pinned, so the fault cannot be resolved and AIX halts. Pin less, or "
                + "give the machine more memory (--real-memory)."
        case .pagingSpaceExhausted:
            message = "page fault on \(ea) cannot be satisfied: paging space is exhausted"
            explanation = "To free a frame for \(ea) the VMM had to write a page out, but no paging-space "
                + "slot was free. AIX halts when a page fault cannot be satisfied."
        case .hostProtection(let e):
            message = "page fault on \(ea) cannot be satisfied: the host refused to map the page (errno \(e))"
            explanation = "aixsim resolves a page fault by changing the host protection of the page. The host "
                + "refused" + (e == 12 ? " with ENOMEM: the process has reached the host's limit on "
                    + "separate mappings (vm.max_map_count, usually 65530). " : ". ")
                + "Rather than fault forever, aixsim stops the run. This is a limit of the host, not an AIX rule."
        }
        return Crash(kind: .pagingFailure, ea: ea, access: kind == .store ? .store : .load, dsisr: nil,
                     message: message, explanation: explanation, kext: name(of: kext), location: location)
    }
}
