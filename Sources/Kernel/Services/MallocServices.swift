import CFaultGuard
import PowerArch
import VMM
import Xmalloc

/// `<sys/malloc.h>`: xmalloc, xmfree, init_heap, and the two entries behind the `kernel_heap`
/// and `pinned_heap` macros. Kexts pass and receive host pointers; the allocator and the
/// trace speak effective addresses; the conversion is `vmm.map`'s.
extension Kernel {
    static let mallocServices = ServiceTable(header: "sys/malloc.h", definitions: [
        "xmalloc": .init(implementation: { $0.xmallocService($1) }, arguments: { $0.xmallocArguments($1) }),
        "xmfree": .init(implementation: { $0.xmfreeService($1) }, arguments: { $0.xmfreeArguments($1) }),
        "init_heap": .init(implementation: { $0.initHeapService($1) }, arguments: { $0.initHeapArguments($1) }),
        "aixsim_kernel_heap": .init(implementation: { $0.heapHandleService($1, .kernel) }, arguments: { _, _ in [] }),
        "aixsim_pinned_heap": .init(implementation: { $0.heapHandleService($1, .pinned) }, arguments: { _, _ in [] }),
    ])

    func xmallocArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "size", value: String(a.int(0))),
            CallArgument(name: "align", value: String(a.int(1))),
            CallArgument(name: "heap", value: describeHeap(a.pointer(2))),
        ]
    }

    func xmfreeArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "ptr", value: describePointer(a.pointer(0))),
            CallArgument(name: "heap", value: describeHeap(a.pointer(1))),
        ]
    }

    func initHeapArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "area", value: describePointer(a.pointer(0))),
            CallArgument(name: "size", value: String(a.int(1))),
            CallArgument(name: "heapp", value: describePointer(a.pointer(2))),
        ]
    }

    /// `caddr_t xmalloc(int size, int align, caddr_t heap)`: the address, or NULL.
    func xmallocService(_ call: ServiceCall) -> ServiceReturn {
        withXmallocKernel { xmallocService(call, $0) }
    }

    private func xmallocService(_ call: ServiceCall, _ state: XmallocKernelState) -> ServiceReturn {
        let size = Int(call.arguments.int(0))
        let align = XmallocAlignment(rawValue: Int(call.arguments.int(1)))
        let allocator = state.allocator
        guard let kind = heapKind(forHandle: call.arguments.pointer(2), state) else {
            record(call, result: 0, detail: "NULL: that is not a heap (kernel_heap, pinned_heap or one init_heap returned)",
                   resultText: "NULL")
            return .value(0)
        }
        // Only the trace's detail reads this: a kext looping past the trace limit skips it.
        let before = dispatcher.trace.keepsRecords ? allocator.statistics(of: kind) : nil
        var injected = false
        guard let ea = allocator.xmalloc(size: size, align: align, heap: kind, caller: xmallocCaller(call.kext, state),
                                         injectFailure: {
                                             injected = injectXmallocFailure(state)
                                             return injected
                                         }),
              let host = vmm.map.hostAddress(of: ea)?.rawValue
        else {
            record(call, result: 0, detail: xmallocFailure(size: size, align: align, kind: kind, injected: injected),
                   resultText: "NULL")
            return .value(0)
        }
        record(call, result: Int64(bitPattern: UInt64(host)),
               detail: allocator.record(at: ea).map { record in
                   "allocation #\(record.sequence) in \(kind), \(record.placement.words)"
                       + growth(of: kind, since: before, record: record)
               },
               resultText: ea.description)
        return .value(Int64(bitPattern: UInt64(host)))
    }

    /// How the heap grew for this allocation, for the trace: the galloc layer made visible.
    private func growth(of kind: HeapKind, since before: XmallocStatistics?, record: XmallocRecord) -> String {
        guard let before, let after = xmalloc.statistics(of: kind), after.regionsTaken > before.regionsTaken,
              let region = record.region
        else { return "" }
        return "; \(kind) took galloc region #\(region.sequence) (\(ByteCount(region.size)) at \(region.start))"
    }

    /// Why an xmalloc returned NULL, for the trace.
    private func xmallocFailure(size: Int, align: XmallocAlignment, kind: HeapKind, injected: Bool) -> String {
        if size <= 0 { return "NULL: size must be positive" }
        if !align.isSupported { return "NULL: align \(align.rawValue) is beyond a page (0…12)" }
        if injected { return "NULL: injected failure (--fail xmalloc)" }
        return "NULL: \(kind) has no room (the galloc heap, or the private heap's area, is exhausted)"
    }

    /// `int xmfree(caddr_t ptr, caddr_t heap)`: 0, or -1.
    func xmfreeService(_ call: ServiceCall) -> ServiceReturn {
        withXmallocKernel { xmfreeService(call, $0) }
    }

    private func xmfreeService(_ call: ServiceCall, _ state: XmallocKernelState) -> ServiceReturn {
        let pointer = call.arguments.pointer(0)
        let allocator = state.allocator
        guard let kind = heapKind(forHandle: call.arguments.pointer(1), state) else {
            let f = Finding(kind: .xmallocUninitialisedHeap, ea: vmm.map.effectiveAddress(ofKextPointer: pointer), size: nil,
                            kext: name(of: call.kext),
                            message: "xmfree(\(describePointer(pointer)), \(describePointer(call.arguments.pointer(1)))) "
                                + "in \(callingFunction() ?? "?"): the second argument is not a heap "
                                + "(kernel_heap, pinned_heap or one init_heap returned); xmfree returned -1")
            accounting.findings.append(f)
            record(call, result: -1, detail: "not a heap")
            return .value(-1)
        }
        // A pointer outside global memory cannot be an allocation; the allocator still names it.
        let ea = vmm.map.effectiveAddress(ofKextPointer: pointer) ?? EffectiveAddress(UInt64(pointer))
        // Only the trace's detail reads these: a kext looping past the trace limit skips them.
        let detailed = dispatcher.trace.keepsRecords
        let before = detailed ? allocator.record(at: ea) : nil
        let returnedBefore = detailed ? allocator.statistics(of: kind)?.regionsReturned ?? 0 : 0
        let result = allocator.xmfree(ea, heap: kind, caller: xmallocCaller(call.kext, state))
        let returned = detailed ? (allocator.statistics(of: kind)?.regionsReturned ?? 0) - returnedBefore : 0
        record(call, result: Int64(result),
               detail: result == 0 ? before.map {
                   "freed allocation #\($0.sequence) of \($0.size) bytes"
                       + (returned > 0 ? "; \(kind) gave \(returned) galloc region\(returned == 1 ? "" : "s") back" : "")
               } : "refused: see the findings")
        return .value(Int64(result))
    }

    /// `heapaddr_t init_heap(caddr_t area, int size, heapaddr_t *heapp)`: the new heap's handle
    /// (its area's address), or NULL.
    func initHeapService(_ call: ServiceCall) -> ServiceReturn {
        let area = call.arguments.pointer(0)
        let size = Int(call.arguments.int(1))
        guard call.arguments.pointer(2) == 0 else {
            record(call, result: 0, detail: "NULL: heapp must be NULL (non-NULL is reserved for the base kernel)",
                   resultText: "NULL")
            return .value(0)
        }
        guard let ea = vmm.map.effectiveAddress(ofKextPointer: area) else {
            // AIX allows a heap on a stack or in a kernel process's private data; aixsim's
            // xmalloc hands out effective addresses, which only global memory has.
            let why = "init_heap over \(describePointer(area)), which is not global memory (a stack or the kext's "
                + "own data): AIX allows such a heap, aixsim does not implement it and returns NULL"
            note(why)
            record(call, result: 0, detail: "NULL: not implemented for this area (see docs/aix-differences.md)",
                   resultText: "NULL")
            return .value(0)
        }
        guard xmalloc.init_heap(area: ea, size: size) != nil else {
            record(call, result: 0,
                   detail: "NULL: the area must be page-aligned whole pages inside one live vm_galloc region; "
                       + "inside another private heap only on pages that heap handed out", resultText: "NULL")
            return .value(0)
        }
        record(call, result: Int64(bitPattern: UInt64(area)), detail: "private heap over \(ByteCount(UInt64(size)))",
               resultText: ea.description)
        return .value(Int64(bitPattern: UInt64(area)))
    }

    /// What the `kernel_heap` and `pinned_heap` macros read. Not traced: a kext names a heap in
    /// every xmalloc call, and the trace shows the name there.
    func heapHandleService(_ call: ServiceCall, _ kind: HeapKind) -> ServiceReturn {
        .value(Int64(bitPattern: UInt64(withXmallocKernel { handle(of: kind, $0) } ?? 0)))
    }
}
