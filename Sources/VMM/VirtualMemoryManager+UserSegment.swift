import CPageState
import PowerArch

/// The simulated user process's data segment in the software MMU (see `UserSegment`).
///
/// Which context holds its SLB entry is the AIX model: while the user program runs, the SLB has
/// the entry; entering a system call removes it, since the kernel's address space does not
/// include the process's segments. The copy services open a window (`withUserSegment`): the
/// entry is loaded for their copy only, as AIX's copyin/copyout make the user segment
/// addressable for theirs. A translation of a user address outside a window is then the data
/// segment interrupt the kernel takes, which copyin turns into EFAULT. The host protection of
/// the segment (UserAddressSpace) stays as it is: it is what catches kext code dereferencing a
/// user pointer natively.
extension VirtualMemoryManager {
    /// Maps a data segment of `pages` pages for the user process, reachable (the user program
    /// runs). Replaces a previous one.
    @discardableResult
    public func mapUserSegment(pages: Int) -> UserSegment {
        unmapUserSegment()
        let tableBytes = UInt64(1) << (18 + translator.pageTable.sdr1.htabSize)
        let realBase = PageSize.roundUp(translator.pageTable.sdr1.htabOrigin + tableBytes)
        let segment = UserSegment(realBase: realBase, pages: pages)
        userSegment = segment
        setUserSegmentReachable(true)
        return segment
    }

    /// Drops the user segment: its SLB entry and every PTE of its VSID.
    public func unmapUserSegment() {
        guard let segment = userSegment else { return }
        _ = translator.slbie(segment.start)
        _ = translator.invalidateSegment(vsid: UserSegment.vsid)
        userSegment = nil
        userSegmentReachable = false
    }

    /// Loads (the user program runs, or a copy window is open) or removes (kernel code runs)
    /// the user segment's SLB entry.
    public func setUserSegmentReachable(_ reachable: Bool) {
        guard let segment = userSegment, reachable != userSegmentReachable else { return }
        userSegmentReachable = reachable
        if reachable {
            _ = translator.storeSegment(segment.entry, at: userSegmentSlot)
        } else {
            _ = translator.slbie(segment.start)
        }
    }

    /// Runs `body` with the user segment addressable, then restores the context's SLB.
    public func withUserSegment<T>(_ body: () -> T) -> T {
        let previous = userSegmentReachable
        setUserSegmentReachable(true)
        defer { setUserSegmentReachable(previous) }
        return body()
    }

    /// Translates a user effective address for `access` in `state` with the SLB the current
    /// context has. A segment miss is reloaded only while the segment is reachable (its entry
    /// may have been displaced by heap segments); a missing PTE on a page `isMapped` says the
    /// process has is entered (PP 10) and the translation retried, as the VMM's fault handler
    /// does for the process's resident pages.
    public func translateUser(_ ea: EffectiveAddress, access: AccessKind, state: ProcessorState,
                              isMapped: (EffectiveAddress) -> Bool) -> Result<Translation, StorageInterrupt>
    {
        var result = translator.translate(ea: ea, access: access, state: state)
        if case .failure(.dataSegment) = result, userSegmentReachable, let segment = userSegment,
           ea.esid == UserSegment.dataESID
        {
            _ = translator.storeSegment(segment.entry, at: userSegmentSlot)
            result = translator.translate(ea: ea, access: access, state: state)
        }
        if case .failure(.dataStorage(_, let dsisr)) = result, dsisr.contains(.noTranslation),
           let segment = userSegment, segment.contains(ea), isMapped(ea)
        {
            enterUserPage(Int(ea.segmentOffset >> PageSize.shift), of: segment)
            result = translator.translate(ea: ea, access: access, state: state)
        }
        return result
    }

    /// Translates every page of `[ea, ea + count)`; the first storage interrupt, or nil.
    public func translateUserRange(_ ea: EffectiveAddress, count: Int, access: AccessKind, state: ProcessorState,
                                   isMapped: (EffectiveAddress) -> Bool) -> StorageInterrupt?
    {
        guard count > 0 else { return nil }
        var page = EffectiveAddress(ea.rawValue & ~(PageSize.bytes - 1))
        let last = ea.advanced(by: UInt64(count - 1))
        while page <= last {
            let at = max(page, ea)
            if case .failure(let interrupt) = translateUser(at, access: access, state: state, isMapped: isMapped) {
                return interrupt
            }
            let (next, overflow) = page.rawValue.addingReportingOverflow(PageSize.bytes)
            if overflow { break }
            page = EffectiveAddress(next)
        }
        return nil
    }

    /// The user segment's pages that have a PTE, in page order.
    public var userPageEntries: [UserPageEntry] {
        guard let segment = userSegment else { return [] }
        return (0..<segment.pages).compactMap { page in
            translator.pageTable.lookup(segment.virtualAddress(ofPage: page)).map { UserPageEntry(page: page, entry: $0.entry) }
        }
    }

    /// The SLB slot the user segment's entry goes to: just below the 16 that vm_guatt's
    /// attachments take from the top.
    var userSegmentSlot: Int { translator.slb.slotCount - 17 }

    private func enterUserPage(_ page: Int, of segment: UserSegment) {
        let va = segment.virtualAddress(ofPage: page)
        let pte = PageTableEntry(mapping: va, to: segment.realBase + (UInt64(page) << PageSize.shift),
                                 protection: UserSegment.dataProtection, execution: .forbidden)
        guard case .success(let insertion) = translator.insert(pte, for: va),
              let displaced = insertion.displaced, displaced.virtualAddress.pageBase != va.pageBase
        else { return }
        // A heap page lost its PTE to this one: forgetting its R makes its next access fault and
        // enter the PTE again, as for a displacement among heap pages.
        if let other = effectiveAddress(ofVirtual: displaced.virtualAddress) {
            _ = aixsim_vmm_clear_referenced(pageStates, pageNumber(other))
        }
    }
}
