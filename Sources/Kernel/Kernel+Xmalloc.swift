import CAIXSim
import PowerArch
import VMM
import Xmalloc

/// The xmalloc heaps of one kernel, and the handles kexts know them by.
///
/// Handles. On AIX `kernel_heap` and `pinned_heap` hold heap addresses and `init_heap` returns
/// one. Here the two kernel heaps' handles are two addresses of a small host block the kernel
/// owns (so they are distinct, stable for the run, and never memory a kext may use), and a
/// private heap's handle is its area's address, as AIX returns the heap at the start of the
/// area. Anything else passed as a heap is not a heap: xmalloc returns NULL, xmfree -1.
final class XmallocKernelState {
    let allocator: XmallocAllocator
    private let handleBlock: UnsafeMutableRawPointer

    /// What each return address seen on the stack is: a kext location, or nil for aixsim's own
    /// frames. Asking the dynamic linker (dladdr) per frame is the dearest part of naming the
    /// caller of every xmalloc, and the same few addresses recur; kexts stay loaded at the same
    /// addresses for the kernel's life, so the answers never go stale.
    var frameLocations: [UInt: String?] = [:]

    init(allocator: XmallocAllocator) {
        self.allocator = allocator
        handleBlock = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)
    }

    deinit { handleBlock.deallocate() }

    var kernelHeapHandle: UInt { UInt(bitPattern: handleBlock) }
    var pinnedHeapHandle: UInt { UInt(bitPattern: handleBlock) + 8 }
}

extension Kernel {
    /// The xmalloc heaps, created on the first xmalloc-family call so runs that never use
    /// xmalloc keep galloc's layout exactly as before.
    public var xmalloc: XmallocAllocator { xmallocKernel.allocator }

    /// Whether any kext used xmalloc in this run.
    public var xmallocInUse: Bool { xmallocState != nil }

    var xmallocKernel: XmallocKernelState {
        if let state = xmallocState { return state }
        let galloc = heap
        let hooks = XmallocHooks(
            // pinned_heap's regions are long-term pinned through the VMM's pin counts, so the
            // pin inspectors and the interrupt-environment checks see them as any pinned page.
            pin: { region in galloc.pin(region.start, length: Int64(region.size), kind: .longTerm) == nil },
            unpin: { region in _ = galloc.unpin(region.start, length: Int64(region.size), kind: .longTerm) },
            // "Still pinned" means any page of the allocation, not all of them.
            isPinned: { address, size in
                var page = pageOf(address)
                let end = address.advanced(by: UInt64(max(size, 1)))
                while page < end {
                    if galloc.isPinned(page) { return true }
                    page = page.advanced(by: PageSize.bytes)
                }
                return false
            },
            shouldFail: { [weak self] in self?.faultInjector.shouldFail(.xmalloc) ?? false },
            report: { [weak self] finding in self?.reportXmallocFinding(finding) })
        let state = XmallocKernelState(allocator: XmallocAllocator(
            galloc: heap, debug: configuration.xmalloc.debugConfiguration, hooks: hooks))
        xmallocState = state
        return state
    }

    var faultInjector: FaultInjector {
        if let injector = faultInjectorState { return injector }
        let injector = FaultInjector(rules: configuration.xmalloc.failures, seed: configuration.xmalloc.seed)
        faultInjectorState = injector
        return injector
    }

    /// Injected failures so far, by service name, for the report.
    public var injectedFailures: [String: Int] {
        Dictionary(uniqueKeysWithValues: (faultInjectorState?.injected ?? [:]).map { ($0.key.rawValue, $0.value) })
    }

    // MARK: - Handles

    func heapKind(forHandle handle: UInt) -> HeapKind? {
        let state = xmallocKernel
        if handle == state.kernelHeapHandle { return .kernel }
        if handle == state.pinnedHeapHandle { return .pinned }
        guard let ea = heap.map.effectiveAddress(fromHost: handle) else { return nil }
        return state.allocator.heap(atArea: ea)
    }

    func handle(of kind: HeapKind) -> UInt? {
        switch kind {
        case .kernel: xmallocKernel.kernelHeapHandle
        case .pinned: xmallocKernel.pinnedHeapHandle
        case .private:
            xmalloc.snapshot(of: kind)?.area.flatMap { heap.map.host(from: $0.lowerBound) }
        }
    }

    /// How a heap handle reads in the trace: its AIX name, or the raw value if it is none.
    func describeHeap(_ handle: UInt) -> String {
        guard let state = xmallocState else { return describePointer(handle) }
        if handle == state.kernelHeapHandle { return "kernel_heap" }
        if handle == state.pinnedHeapHandle { return "pinned_heap" }
        if let ea = heap.map.effectiveAddress(fromHost: handle), let kind = state.allocator.heap(atArea: ea) {
            return "\(kind) at \(ea)"
        }
        return describePointer(handle)
    }

    /// The kext function making the service call in progress (`function+0xOFFSET`), as
    /// `callingFunction()` finds it, with the symbol lookup cached per call site.
    func xmallocCallingFunction(_ kext: KextID) -> String {
        guard let runtime else { return "\(name(of: kext)) (unknown function)" }
        var frames = [UnsafeMutableRawPointer?](repeating: nil, count: 32)
        let count = frames.withUnsafeMutableBufferPointer { aixsim_backtrace($0.baseAddress, Int32($0.count)) }
        for frame in frames.prefix(Int(count)) {
            // A return address points after the call; step back into the calling instruction.
            let pc = UInt(bitPattern: frame) &- 1
            guard pc != UInt.max else { continue }
            let location: String?
            if let known = xmallocKernel.frameLocations[pc] {
                location = known
            } else {
                location = runtime.kext(containing: pc) == nil ? nil
                    : runtime.location(of: pc) ?? "\(name(of: kext)) (unknown function)"
                xmallocKernel.frameLocations[pc] = .some(location)
            }
            if let location { return location }
        }
        return "\(name(of: kext)) (unknown function)"
    }

    /// For a DSI report: the xmalloc allocation a faulting address belongs to or runs off the
    /// end of (a guard-page allocation ends right at its guard page), in one sentence; empty
    /// when xmalloc has nothing to say about the address.
    func xmallocContext(of ea: EffectiveAddress) -> String {
        guard let state = xmallocState else { return "" }
        let records = state.allocator.liveRecords()
        let owning = records.first { $0.contains(ea) }
            ?? records.first { $0.address.advanced(by: UInt64($0.size)) == ea }
        guard let record = owning else { return "" }
        let relation = record.contains(ea) ? "lies in" : "is the first byte past the end of"
        return "The address \(relation) xmalloc allocation #\(record.sequence) (\(record.size) bytes at "
            + "\(record.address) from \(record.heap), by \(ownerName(record.owner)) in \(record.caller.function)"
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
                      pinnedPages: heap.region(containing: region.start) == region ? heap.pinnedPages(of: region).count : 0)
            })
    }

    func layer(of record: XmallocRecord) -> XmallocLayers.Record {
        .init(heap: record.heap.description, address: record.address, size: record.size,
              align: record.alignment.rawValue, kext: ownerName(record.owner), function: record.caller.function,
              sequence: record.sequence, placement: record.placement.words, debug: record.debug.names)
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
                + "xmfree returned -1. Once freed, memory belongs to the heap and may already be someone else's."
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
                + "holds the free-fill pattern (found when the block was reused\(by))."
        case .overrun(let offset):
            kind = .xmallocOverrun
            let past = finding.record.map { offset - $0.size } ?? 0
            message = "allocation \(what) was overrun: the trailer byte \(past + 1) past its end was overwritten "
                + "(found at xmfree\(by))."
        }
        var f = Finding(kind: kind, ea: finding.address, size: finding.record.map { UInt64($0.size) }, kext: kext,
                        message: message)
        f.xmalloc = layers(of: finding)
        findings.append(f)
    }

    /// xmalloc allocations a kext still owns at CFG_TERM: AIX never frees them for it.
    public func xmallocLeaks(of kext: KextID) -> [Finding] {
        guard let state = xmallocState else { return [] }
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

/// The page an address lies in.
func pageOf(_ address: EffectiveAddress) -> EffectiveAddress {
    EffectiveAddress(address.rawValue & ~(PageSize.bytes - 1))
}
