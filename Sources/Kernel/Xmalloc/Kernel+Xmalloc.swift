import CFaultGuard
import PowerArch
import VMM
import Xmalloc

extension Kernel {
    /// The xmalloc heaps, created on the first xmalloc-family call so runs that never use
    /// xmalloc keep galloc's layout exactly as before.
    public var xmalloc: XmallocAllocator { xmallocKernel.allocator }

    /// Whether any kext used xmalloc in this run.
    public var xmallocInUse: Bool { allocation.heaps != nil }

    var xmallocKernel: XmallocKernelState {
        if let state = allocation.heaps { return state }
        let galloc = vmm
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
            // Fault injection is no hook: xmallocService passes it per call (`injectXmallocFailure`),
            // which costs no weak load of the kernel on every xmalloc.
            report: { [weak self] finding in self?.reportXmallocFinding(finding) })
        let state = XmallocKernelState(allocator: XmallocAllocator(
            galloc: vmm, debug: configuration.xmalloc.debugConfiguration, hooks: hooks), faultInjector: faultInjector)
        allocation.heaps = state
        return state
    }

    /// Whether `--fail xmalloc` fails the xmalloc in progress. Asked on every xmalloc that could
    /// succeed, rule or none: it also notes the kext's allocation call sites (explore's
    /// failsite mode), at one compare per call from a known site.
    func injectXmallocFailure(_ state: XmallocKernelState) -> Bool {
        let injector = state.faultInjector
        let returnAddress = dispatcher.returnAddress
        if injector.quietlyPasses(.xmalloc, returnAddress: returnAddress) { return false }
        return injector.shouldFail(.xmalloc, returnAddress: returnAddress, noKextRuntime: runtime == nil,
                                   site: callingSite)
    }

    /// Runs `body` with the xmalloc state (created on first use) borrowed rather than retained:
    /// each of a pair's four service calls needs it, and a retain and release of an object
    /// reached through the kernel is an atomic round trip each.
    func withXmallocKernel<R>(_ body: (XmallocKernelState) -> R) -> R {
        guard let unretained = allocation.unretainedHeaps else { return body(xmallocKernel) }
        return unretained._withUnsafeGuaranteedRef(body)
    }

    var faultInjector: FaultInjector {
        if let injector = allocation.faultInjector { return injector }
        let injector = FaultInjector(rules: configuration.xmalloc.failures, seed: configuration.xmalloc.seed)
        allocation.faultInjector = injector
        return injector
    }

    /// Injected failures so far, by service name, for the report.
    public var injectedFailures: [String: Int] {
        Dictionary(uniqueKeysWithValues: (allocation.faultInjector?.injected ?? [:]).map { ($0.key.rawValue, $0.value) })
    }

    // MARK: - Handles

    /// The heap a handle names; `state` is the caller's `xmallocKernel`, fetched once per call.
    func heapKind(forHandle handle: UInt, _ state: XmallocKernelState) -> HeapKind? {
        if handle == state.kernelHeapHandle { return .kernel }
        if handle == state.pinnedHeapHandle { return .pinned }
        guard let ea = vmm.map.effectiveAddress(ofKextPointer: handle) else { return nil }
        return state.allocator.heap(atArea: ea)
    }

    func handle(of kind: HeapKind, _ state: XmallocKernelState) -> UInt? {
        switch kind {
        case .kernel: state.kernelHeapHandle
        case .pinned: state.pinnedHeapHandle
        case .private:
            state.allocator.snapshot(of: kind)?.area.flatMap { vmm.map.hostAddress(of: $0.lowerBound)?.rawValue }
        }
    }

    /// How a heap handle reads in the trace: its AIX name, or the raw value if it is none.
    func describeHeap(_ handle: UInt) -> String {
        guard let state = allocation.heaps else { return describePointer(handle) }
        if handle == state.kernelHeapHandle { return "kernel_heap" }
        if handle == state.pinnedHeapHandle { return "pinned_heap" }
        if let ea = vmm.map.effectiveAddress(ofKextPointer: handle), let kind = state.allocator.heap(atArea: ea) {
            return "\(kind) at \(ea)"
        }
        return describePointer(handle)
    }

    /// The caller of the xmalloc or xmfree in progress: the kext's owner tag and its calling
    /// function, from the direct-mapped cache when the return address was seen before (the
    /// caller is cached whole, so a hit interns no name).
    func xmallocCaller(_ kext: KextID, _ state: XmallocKernelState) -> XmallocCaller {
        let returnAddress = dispatcher.returnAddress
        if let known = state.recentCaller(returning: returnAddress, kext: kext) { return known }
        let (function, byReturnAddress) = xmallocCallingFunction(kext)
        let caller = XmallocCaller(owner: owner(kext), function: function)
        if byReturnAddress { state.rememberCaller(caller, returning: returnAddress, kext: kext) }
        return caller
    }

    /// The kext function making the service call in progress (`function+0xOFFSET`), as
    /// `callingFunction()` finds it, with the symbol lookup cached per call site; and whether the
    /// return address alone decided it (only such answers may be cached by return address).
    private func xmallocCallingFunction(_ kext: KextID) -> (String, byReturnAddress: Bool) {
        guard let runtime else {
            // No runtime (a bare kernel, as the benchmarks run it) names no function at all.
            return ("\(name(of: kext)) (unknown function)", true)
        }
        if let pc = callingInstruction(runtime) {
            return (xmallocLocation(of: pc, kext, runtime) ?? "\(name(of: kext)) (unknown function)", true)
        }
        var frames = [UnsafeMutableRawPointer?](repeating: nil, count: 32)
        let count = frames.withUnsafeMutableBufferPointer { aixsim_backtrace($0.baseAddress, Int32($0.count)) }
        for frame in frames.prefix(Int(count)) {
            // A return address points after the call; step back into the calling instruction.
            let pc = UInt(bitPattern: frame) &- 1
            guard pc != UInt.max else { continue }
            if let location = xmallocLocation(of: pc, kext, runtime) { return (location, false) }
        }
        return ("\(name(of: kext)) (unknown function)", false)
    }

    /// `function+0xOFFSET` for a code address in a kext, nil outside kexts, cached per address.
    private func xmallocLocation(of pc: UInt, _ kext: KextID, _ runtime: any KextRuntime) -> String? {
        if let known = xmallocKernel.frameLocations[pc] { return known }
        let location = runtime.kext(containing: pc) == nil ? nil
            : runtime.frame(of: pc)?.site ?? runtime.location(of: pc) ?? "\(name(of: kext)) (unknown function)"
        xmallocKernel.frameLocations[pc] = .some(location)
        return location
    }
}

/// The page an address lies in.
func pageOf(_ address: EffectiveAddress) -> EffectiveAddress {
    EffectiveAddress(address.rawValue & ~(PageSize.bytes - 1))
}
