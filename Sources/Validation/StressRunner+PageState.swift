import PowerArch
import VMM

/// The page-state invariant: what the VMM's page-state table says of each page of a live
/// region agrees with the software page table and with the pins.
extension StressRunner {
    func checkPageStates() throws(InvariantViolation) {
        // Stores and loads run through the fault guard, not a service call: replay what the
        // handler logged, as the next service call would, so the page table is current.
        kernel.absorbPageEvents(by: kext)
        let vmm = kernel.vmm
        let modelRegions = Dictionary(model.regions.map { ($0.ea, $0) }, uniquingKeysWith: { a, _ in a })
        for region in vmm.liveRegions {
            let pinnedInModel = modelRegions[region.start]?.isPinned
            for (i, state) in vmm.pageStates(of: region).enumerated() {
                let page = region.start.advanced(by: UInt64(i) << PageSize.shift)
                var problem = disagreement(state, at: page)
                if problem == nil, state.pinned, state.residency != .resident {
                    problem = "pinned, yet not resident: a pinned page's frame was stolen"
                }
                if problem == nil, state.pinned != vmm.isPinned(page) {
                    problem = "page state says \(state.pinned ? "" : "not ")pinned, pin count \(vmm.pinCount(at: page))"
                }
                if problem == nil, let pinnedInModel, state.pinned != pinnedInModel {
                    problem = "page state says \(state.pinned ? "" : "not ")pinned, the model "
                        + "\(pinnedInModel ? "pinned" : "not pinned")"
                }
                if let problem {
                    throw violation(.pageState, "page \(page) of the region at \(region.start): \(problem) (\(state))")
                }
            }
        }
    }

    /// Why the page table disagrees with `state` for the page at `page`, or nil.
    ///
    /// A resident page has a PTE naming its frame with the same R and C, or no PTE and R clear:
    /// a full PTE group displaces a resident page's entry, and the VMM clears R so the next
    /// touch faults and enters it again. Any other page has no PTE.
    private func disagreement(_ state: PageState, at page: EffectiveAddress) -> String? {
        let vmm = kernel.vmm
        if state.residency == .unallocated { return "a page of a live region is unallocated" }
        let entry = vmm.segments.entry(for: page).flatMap {
            vmm.translator.pageTable.lookup($0.virtualAddress(of: page))?.entry
        }
        guard state.residency == .resident else {
            return entry == nil ? nil : "not resident, yet it has a PTE"
        }
        guard let entry else {
            return state.referenced ? "resident and referenced, but it has no PTE" : nil
        }
        if entry.isReferenced != state.referenced || entry.isChanged != state.changed {
            return "PTE has R=\(entry.isReferenced ? 1 : 0) C=\(entry.isChanged ? 1 : 0)"
        }
        if let frame = vmm.frameAddress(at: page), entry.realPageAddress != frame {
            return "PTE maps real 0x\(String(entry.realPageAddress, radix: 16)), the frame is 0x\(String(frame, radix: 16))"
        }
        return nil
    }
}
