import PowerArch
import VMM
import Xmalloc

/// xmalloc's findings as report findings, each with both layers: the xmalloc record and the
/// galloc region behind it; and what xmalloc knows about an address a DSI hit.
extension Kernel {
    /// For a DSI report: the xmalloc allocation a faulting address belongs to, runs off the end
    /// of (a guard-page allocation ends right at its guard page), or belonged to before xmfree
    /// gave it back; nil when xmalloc has nothing to say about the address.
    func xmallocAllocation(at ea: EffectiveAddress) -> XmallocRecord? {
        guard let state = allocation.heaps else { return nil }
        let records = state.allocator.liveRecords()
        return records.first { $0.contains(ea) }
            ?? records.first { $0.address.advanced(by: UInt64($0.size)) == ea }
            ?? state.allocator.freedRecord(containing: ea)
    }

    /// The allocation `xmallocAllocation(at:)` found, in sentences for the DSI's explanation.
    func xmallocContext(of ea: EffectiveAddress, record: XmallocRecord?) -> String {
        guard let record else { return "" }
        let relation = record.contains(ea) ? "lies in" : "is the first byte past the end of"
        let allocation = "xmalloc allocation #\(record.sequence) (\(record.size) bytes at \(record.address) from "
            + "\(record.heap), allocated by \(ownerName(record.owner)) in \(record.caller.function)"
        if let freedBy = record.freedBy {
            return "The address \(relation) \(allocation)), which xmfree had already freed, called in "
                + "\(freedBy.function): a use after xmfree. "
                + (record.placement == .guardPage
                    ? "xmalloc debug had given it a page of its own and handed that page back at xmfree, so "
                        + "the stale access faults at once instead of reading or corrupting someone else's memory. "
                    : "Its pages went back to galloc at xmfree, so the stale access faults. ")
        }
        return "The address \(relation) \(allocation)"
            + (record.placement == .guardPage ? ", placed against a guard page by xmalloc debug). " : "). ")
    }

    // MARK: - Findings

    /// Who an owner tag stands for: a heap, or a kext.
    func ownerName(_ owner: RegionOwner) -> String {
        if let heap = owner.xmallocHeap { return heap.description }
        return owner.rawValue >= 0 ? name(of: KextID(rawValue: owner.rawValue)) : "owner \(owner.rawValue)"
    }

    func layers(of finding: XmallocFinding) -> XmallocLayers {
        layers(namedHeap: finding.heap, record: finding.record, region: finding.region, page: finding.page)
    }

    func layers(namedHeap: HeapKind, record: XmallocRecord?, region: GallocRegion?,
                page: EffectiveAddress) -> XmallocLayers
    {
        XmallocLayers(
            namedHeap: namedHeap.description,
            record: record.map(layer(of:)),
            galloc: region.map { region in
                .init(regionStart: region.start, regionSize: region.size, regionSequence: region.sequence,
                      owner: ownerName(region.owner), page: page,
                      pinnedPages: vmm.region(containing: region.start) == region ? vmm.pinnedPages(of: region).count : 0)
            })
    }

    func layer(of record: XmallocRecord) -> XmallocLayers.Record {
        .init(heap: record.heap.description, address: record.address, size: record.size,
              align: record.alignment.rawValue, kext: ownerName(record.owner), function: record.caller.function,
              sequence: record.sequence, placement: record.placement.words, debug: record.debug.names,
              freedBy: record.freedBy?.function)
    }

    /// Turns the allocator's finding into a report finding, at the call that made it.
    func reportXmallocFinding(_ finding: XmallocFinding) {
        let kext = finding.call.map { ownerName($0.owner) } ?? finding.record.map { ownerName($0.owner) } ?? "?"
        let by = finding.call.map { " (in \($0.function))" } ?? ""
        let what = finding.record.map { "#\($0.sequence), \($0.size) bytes at \($0.address)" } ?? ""
        let kind: Finding.Kind
        let message: String
        switch finding.kind {
        case .doubleFree:
            kind = .xmallocDoubleFree
            message = "xmfree(\(finding.address), \(finding.heap))\(by) freed allocation \(what) a second time; "
                + "xmfree returned -1." + (finding.record.map { " \(Self.history(of: $0))" } ?? "")
                + " Once freed, memory belongs to the heap and may already be someone else's."
        case .freeOfUnallocated:
            kind = .xmallocFreeOfUnallocated
            message = "xmfree(\(finding.address), \(finding.heap))\(by): that address is not one xmalloc returned"
                + (finding.record.map { " (it lies inside allocation #\($0.sequence) at \($0.address))" } ?? "")
                + "; xmfree returned -1. xmfree needs exactly the pointer xmalloc gave."
        case .wrongHeap(let actual):
            kind = .xmallocWrongHeap
            message = "xmfree(\(finding.address), \(finding.heap))\(by): allocation \(what) belongs to \(actual); "
                + "xmfree returned -1 and the memory stays allocated. Free to the heap it came from."
        case .uninitialisedHeap:
            kind = .xmallocUninitialisedHeap
            message = "xmfree\(by) named \(finding.heap), which was never initialised; xmfree returned -1."
        case .freeOfPinnedMemory:
            kind = .xmallocFreeOfPinned
            message = "xmfree(\(finding.address), kernel_heap)\(by) freed allocation \(what) while it was still pinned. "
                + "kernel_heap memory is pageable: pin it for a while, but unpin before xmfree, or the pages stay "
                + "pinned for whoever gets them next."
        case .writeAfterFree(let offset):
            kind = .xmallocWriteAfterFree
            message = "allocation \(what) was written to after xmfree: byte \(offset) of its block no longer "
                + "holds the free-fill pattern ("
                + (finding.call.map { "found when the block was handed out again, in \($0.function)" }
                    ?? "found by the free-fill check when the block left xmalloc debug's watch or at unload")
                + ")." + (finding.record.map { " \(Self.history(of: $0))" } ?? "")
        case .overrun(let offset):
            kind = .xmallocOverrun
            let past = finding.record.map { offset - $0.size } ?? 0
            message = "allocation \(what) was overrun: the trailer byte \(past + 1) past its end was overwritten "
                + "(found at xmfree\(by))."
        }
        var f = Finding(kind: kind, ea: finding.address, size: finding.record.map { UInt64($0.size) }, kext: kext,
                        message: message)
        f.xmalloc = layers(of: finding)
        let frames = kextFramesOnStack()
        f.frames = frames.isEmpty ? nil : frames
        accounting.findings.append(f)
    }

    /// Where a freed allocation came from and where it was given back, for findings about a
    /// later use: `It was allocated by xmalloc in f+0x1c (x.c:12) and first freed by xmfree in …`.
    static func history(of record: XmallocRecord) -> String {
        "It was allocated by xmalloc in \(record.caller.function)"
            + (record.freedBy.map { " and first freed by xmfree in \($0.function)." } ?? ".")
    }

    /// At unload: the freed blocks xmalloc debug still watches are checked one last time, so a
    /// write after xmfree is a finding even when nothing reused the block.
    public func checkFreedXmallocBlocks() {
        allocation.heaps?.allocator.checkFreedBlocks()
    }

    /// xmalloc allocations a kext still owns at CFG_TERM: AIX never frees them for it.
    public func xmallocLeaks(of kext: KextID) -> [Finding] {
        guard let state = allocation.heaps else { return [] }
        return state.allocator.liveRecords(ownedBy: owner(kext)).map { record in
            var f = Finding(
                kind: .xmallocLeak, ea: record.address, size: UInt64(record.size), kext: name(of: kext),
                message: "\(record.size) bytes from xmalloc(\(record.size), \(record.alignment.rawValue), \(record.heap)) "
                    + "in \(record.caller.function), allocation #\(record.sequence) at \(record.address), "
                    + "were never given back with xmfree")
            f.xmalloc = layers(namedHeap: record.heap, record: record, region: record.region,
                               page: pageOf(record.address))
            return f
        }
    }
}
