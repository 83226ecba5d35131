import PowerArch
import VMM
import Xmalloc

/// The words of a DSI report: the one-line message and the explanation, from a
/// `FaultClassification` and what the MMU held. Kept apart from the decision so the decision can
/// be tested as a value and the text changed in one place.
struct FaultWording {
    let fault: FaultClassification
    let access: Crash.Access
    /// The effective address, or the raw host value for addresses outside global memory.
    let address: EffectiveAddress
    let dsisr: DSISR
    let kext: String
    /// The service that made the access on the kext's behalf, if one did.
    let service: String?
    /// What the MMU held for the address; nil outside global memory.
    let mmu: MMUContext?
    /// The xmalloc allocation the address belongs to, already in words ("" if none).
    let xmallocContext: String
    /// The xmalloc allocation behind the address, live or freed; nil if none.
    var allocation: XmallocRecord? = nil
    /// The kext that faulted, and the name of a services table's owner, for `servicesTable`.
    var faultingKext: KextID? = nil
    var ownerName: String? = nil
    /// For an unpinned touch: how many of the region's pages are pinned. Some but not this one
    /// is the mark of a pin whose length fell short (entries for bytes, one page for a table).
    var pinnedPages: Int? = nil

    private var verb: String { access == .store ? "store to" : "load from" }
    private var actor: String { service.map { "\($0), called by \(kext), made a" } ?? "\(kext) made a" }
    private static let noContext = "No setjmpx context was saved to catch it, so AIX halts: a system crash."

    var message: String {
        switch fault {
        case .nullPointer, .wildPointer:
            return "DSI: \(verb) \(address), outside the kernel's global memory"
        case .servicesTable(let owner):
            return "DSI: \(verb) \(address), in \(tableOwner(owner)) kernel-services table"
        case .handedStructureOverrun(let structure, let distance):
            return "DSI: \(verb) \(address), "
                + (distance == 1 ? "at the first byte past the end of " : "\(distance - 1) bytes past the end of ")
                + structure.kind.description
        case .effectiveAddressAsPointer:
            return "DSI: \(verb) \(address), an effective address used as a host pointer"
        case .unpinnedAtRaisedPriority(let r, _, _):
            return "page fault \(level): \(verb) \(address), in the \(ByteCount(r.size)) region at \(r.start), which is not pinned"
                + partlyPinned(r)
        default:
            if let a = allocation, let freedBy = a.freedBy {
                return "DSI: \(verb) \(address), in xmalloc allocation #\(a.sequence) (\(a.size) bytes), "
                    + "freed by xmfree in \(freedBy.function)"
            }
            return "DSI: \(verb) \(address), \(place)"
        }
    }

    var explanation: String {
        switch fault {
        case .nullPointer, .wildPointer:
            return "\(actor) \(access.rawValue) at an address no kernel service handed out: "
                + (fault == .nullPointer ? "a NULL pointer, or a small offset from one. " : "a wild or uninitialised pointer. ")
                + "There is no page-table entry for it, so the MMU raises a Data Storage "
                + "Interrupt (DSISR \(dsisr)). " + Self.noContext
        case .servicesTable(let owner):
            return "\(actor) \(access.rawValue) into \(tableOwner(owner)) kernel-services table: the "
                + "table of service entry points aixsim bound when it loaded the kext, which a kext only "
                + "reads (every call to a kernel service goes through it). On AIX the kernel's exports are "
                + "resolved by the loader into memory the extension does not own; aixsim keeps the table "
                + "read-only so a stray store into it faults here, at the store, instead of sending a later "
                + "service call to wherever it pointed. " + Self.noContext
        case .handedStructureOverrun(let structure, _):
            return "\(actor) \(access.rawValue) beyond the last byte of \(structure.kind.description) "
                + "(\(structure.size) bytes at \(EffectiveAddress(UInt64(structure.start)))). On AIX the memory after it "
                + "holds something else (\(structure.kind.neighbours)), which the store would corrupt "
                + "silently, to crash the system later somewhere else. aixsim keeps each "
                + "structure it hands a kext on pages of its own with an inaccessible page after it, so the "
                + "overrun faults here, at the instruction that made it. " + Self.noContext
        case .effectiveAddressAsPointer:
            return "\(actor) \(access.rawValue) through \(address), an AIX effective address of the kernel's "
                + "global address space (0xF1000000…), used as a pointer. aixsim runs a kext natively: the "
                + "pointers it is handed (by vm_galloc, xmalloc, talloc…) are host addresses, and the "
                + "effective addresses the reports print are their AIX names, which the host cannot address. "
                + "The host refused the access without saying where (x86-64 takes such a non-canonical "
                + "address as a general-protection fault); aixsim decoded the address from the faulting "
                + "instruction. Use the pointer the service returned, not an address copied from a report "
                + "or built by hand. " + Self.noContext
        case .unpinnedAtRaisedPriority:
            return "\(actor) \(access.rawValue) of global memory that is not pinned while it could not take a "
                + "page fault (\(level)). Pageable memory may be out on paging space at any moment; bringing "
                + "it back needs a page fault, and AIX cannot service a page fault at interrupt level or "
                + "with interrupts disabled: it crashes. That the page happens to be resident now is luck; "
                + "under memory pressure it will not be. Pin the memory (pin, or xmalloc from pinned_heap) "
                + "before touching it from interrupt-level code or with interrupts disabled."
        default:
            return cause + (mmu.map(Self.translationStory) ?? "") + xmallocContext
                + "The MMU raises a Data Storage Interrupt (DSISR \(dsisr)). "
                + (fault.isSystemArea
                    ? "The region was allocated with V_SYSTEM, so a storage reference error in it is always a system crash."
                    : Self.noContext)
        }
    }

    /// "its" for the kext that faulted, else the owner's name.
    private func tableOwner(_ owner: KextID) -> String {
        owner == faultingKext ? "its" : "\(ownerName ?? "another kext")'s"
    }

    /// ` there: only 1 of its 4 pages is pinned`, when a pin covered part of the region.
    private func partlyPinned(_ r: GallocRegion) -> String {
        let pages = Int(r.size / PageSize.bytes)
        guard let pinnedPages, pinnedPages > 0, pages > 1 else { return "" }
        return " there: only \(pinnedPages) of its \(pages) pages \(pinnedPages == 1 ? "is" : "are") pinned, "
            + "so the pin that covers it is shorter than the memory touched (a length in entries, not bytes?)"
    }

    /// Where the CPU was when it could not take a page fault.
    private var level: String {
        guard case .unpinnedAtRaisedPriority(_, let source, let priority) = fault else { return "" }
        return source.map { "in the interrupt environment (\($0)) at \(priority.name)" }
            ?? "with interrupts disabled to \(priority.name)"
    }

    /// Where the address lies, relative to the region it is charged to.
    private var place: String {
        switch fault {
        case .insideLiveRegion(let r):
            "inside the live \(ByteCount(r.size)) region at \(r.start)"
        case .useAfterFree(let r):
            "inside the \(ByteCount(r.size)) region at \(r.start), which vm_gfree had freed"
        case .overrun(let r, let distance):
            (distance == 1 ? "at the first byte past the end of the " : "\(distance - 1) bytes past the end of the ")
                + "\(ByteCount(r.size)) region at \(r.start)"
        case .underrun(let r, let distance):
            "\(distance) byte\(distance == 1 ? "" : "s") before the start of the \(ByteCount(r.size)) region at \(r.start)"
        case .unallocatedHeap:
            "in the galloc heap, where nothing is allocated"
        case .nullPointer, .wildPointer, .unpinnedAtRaisedPriority, .servicesTable, .handedStructureOverrun,
             .effectiveAddressAsPointer:
            ""
        }
    }

    /// The rule the access broke, for faults in global memory.
    private var cause: String {
        switch fault {
        case .insideLiveRegion:
            "\(actor) \(access.rawValue) inside a live region, which should not fault. "
        case .useAfterFree where allocation?.freedBy != nil:
            "\(actor) \(access.rawValue) through a pointer to memory that was already returned with "
                + "xmfree (use after free); xmalloc gave the pages beneath it back to galloc with vm_gfree, "
                + "so the page table has no entry for them. "
        case .useAfterFree:
            "\(actor) \(access.rawValue) through a pointer to global memory that "
                + "was already returned with vm_gfree (use after free). Once freed, the region's "
                + "pages belong to no allocation: the page table has no entry for them. "
        case .overrun:
            "\(actor) \(access.rawValue) beyond the last byte of a region it "
                + "allocated with vm_galloc (an overrun). The memory after a region belongs to no "
                + "allocation, so the page table has no entry for it. "
        case .underrun:
            "\(actor) \(access.rawValue) in front of a region it allocated "
                + "with vm_galloc (an underrun). That memory belongs to no allocation, so the page "
                + "table has no entry for it. "
        case .unallocatedHeap:
            "\(actor) \(access.rawValue) in global memory that no vm_galloc call handed out. "
        case .nullPointer, .wildPointer, .unpinnedAtRaisedPriority, .servicesTable, .handedStructureOverrun,
             .effectiveAddressAsPointer:
            ""
        }
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
}
