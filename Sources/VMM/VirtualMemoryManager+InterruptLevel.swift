import CPageState
import PowerArch

extension VirtualMemoryManager {
    /// While the CPU may not take a page fault (interrupt environment, or interrupts disabled
    /// below INTBASE), every resident page of global memory that is not pinned is made
    /// inaccessible on the host and the fault handler stops resolving faults on unpinned pages,
    /// so touching one faults even when it happens to be resident: AIX would crash on such a
    /// touch whenever the page was paged out, and whether it is resident is luck.
    /// Returns false if the host refused a protection change (the caller reports it).
    public func setPageFaultsAllowed(_ allowed: Bool) -> Bool {
        guard allowed != pageFaultsAllowed else { return true }
        // One pass over the span from the lowest live region to the end of the highest: the gaps
        // between regions (guard pages, free space) have no access in either mode, so the C side
        // joins neighbouring regions' pages into one protection change instead of one per region.
        let regions = liveRegions
        guard let first = regions.first,
              let end = regions.lazy.map({ $0.start.rawValue + $0.size }).max()
        else { return aixsim_vmm_set_faults_allowed(pageStates, allowed ? 1 : 0, 0, 0) == 0 }
        let firstPage = pageIndex(of: first.start)
        let pages = (end - first.start.rawValue) >> PageSize.shift
        return aixsim_vmm_set_faults_allowed(pageStates, allowed ? 1 : 0, UInt32(firstPage), UInt32(pages)) == 0
    }

    /// False while unpinned pages are kept inaccessible. The page-state table holds the only
    /// copy, since the fault handler reads it.
    public var pageFaultsAllowed: Bool { aixsim_vmm_faults_allowed(pageStates) != 0 }

    /// Keeps one page's host protection right after its pin count changed at interrupt level.
    func applyFaultRule(toPage page: UInt64) {
        guard !pageFaultsAllowed else { return }
        _ = aixsim_vmm_set_faults_allowed(pageStates, 0, UInt32(page), 1)
    }
}
