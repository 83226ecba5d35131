import AIXSimKernelABI
import CFaultGuard
import Kernel
import PowerArch
import VMM
import Xmalloc

extension InvariantViolation: Error {}

/// Runs stress operations against one fresh simulated machine, through the kernel-service
/// dispatch kexts use (`Kernel.call`), and checks the machine against the reference model
/// after every operation (cheap checks) and every `checkEvery` operations (a full sweep).
///
/// The run stops at the first violation. Otherwise it ends by freeing everything it holds and
/// checking that only the allocator's documented spares remain.
public final class StressRunner {
    public let configuration: StressConfiguration
    public let kernel: Kernel
    let kext: KextID
    var model = ReferenceModel()
    private var digest = TraceDigest()
    private let services: [String: Int]
    /// Where vm_galloc stores the address, as a kext's `ulong eaddr` would be.
    let eaddr = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    private var kernelHeap: UInt = 0
    private var pinnedHeap: UInt = 0
    var step = 0
    private var steps: [StressStep] = []
    private var counts: [String: Int] = [:]
    private var failedAllocations = 0
    /// Process-level touches not made because every frame was pinned (StressRunner+RealMemory).
    var refusedTouches = 0
    var refusedPins = 0
    private var samples: [StressSample] = []
    private let keepSteps: Bool
    private let sampleEvery: Int?
    /// The run's interrupt handlers, as the kernel sees them (StressRunner+Interrupts.swift).
    let handlers: StressHandlerRuntime
    let offLevel = UnsafeMutablePointer<intr>.allocate(capacity: 1)
    var timerBlock: UnsafeMutablePointer<trb>?

    /// - Parameters:
    ///   - keepSteps: record each operation as it ran (for shrinking and the C kext).
    ///   - sampleEvery: take a plot sample after every this many operations.
    public init(configuration: StressConfiguration, keepSteps: Bool = false, sampleEvery: Int? = nil) throws {
        self.configuration = configuration
        self.keepSteps = keepSteps
        self.sampleEvery = sampleEvery
        kernel = try Kernel(configuration: configuration.kernelConfiguration)
        kext = kernel.registerKext(named: "stress")
        handlers = StressHandlerRuntime(kext: kext)
        services = Dictionary(uniqueKeysWithValues: ExportList.all.map { ($0.name, $0.index) })
        eaddr.initialize(to: 0)
        kernel.xmalloc._faultHooks = configuration.faultHooks
        kernelHeap = UInt(bitPattern: Int(call("aixsim_kernel_heap", []).value))
        pinnedHeap = UInt(bitPattern: Int(call("aixsim_pinned_heap", []).value))
        prepareInterrupts()
    }

    deinit {
        eaddr.deallocate()
        offLevel.deallocate()
    }

    /// Runs the configuration's seeded workload.
    public func run() -> StressOutcome {
        var workload = StressWorkload(seed: configuration.seed)
        return run(workload.operations(configuration.operations))
    }

    public func run(_ operations: [StressOperation]) -> StressOutcome {
        var violation: InvariantViolation?
        do {
            for operation in operations {
                try perform(operation)
                if let crash = kernel.crash {
                    throw InvariantViolation(kind: .kernelCrash, step: step, detail: "\(crash.kind): \(crash.message)")
                }
                if configuration.checkEvery > 0, (step + 1) % configuration.checkEvery == 0 { try sweep() }
                if let every = configuration.exhaustEvery, every > 0, (step + 1) % every == 0 { try exhaustAndRestore() }
                if let sampleEvery, step % sampleEvery == 0 { samples.append(sample()) }
                step += 1
            }
            try sweep()
            try freeEverything()
            if configuration.exhaustEvery != nil { try exhaustAndRestore() }
        } catch {
            violation = error as? InvariantViolation
        }
        return StressOutcome(configuration: configuration, operationsRun: step, digest: digest.hex,
                             violation: violation, steps: steps, counts: counts,
                             failedAllocations: failedAllocations, samples: samples,
                             refusedPins: refusedPins, refusedTouches: refusedTouches)
    }

    // MARK: - Calls

    @discardableResult
    func call(_ service: String, _ arguments: [UInt64]) -> ServiceReturn {
        guard let index = services[service] else { preconditionFailure("stress: no service \(service)") }
        return kernel.call(index, from: kext, ServiceArguments(arguments), returnAddress: StressHandlerRuntime.workloadAddress + 1)
    }

    func ea(_ host: UInt) -> EffectiveAddress? { kernel.vmm.map.effectiveAddress(of: HostAddress(rawValue: host)) }

    func violation(_ kind: InvariantViolation.Kind, _ detail: String) -> InvariantViolation {
        InvariantViolation(kind: kind, step: step, detail: detail)
    }

    func note(_ operation: StressOperation, target: Int?, heap: Int? = nil, result: Int64) {
        counts[operation.name, default: 0] += 1
        digest.add(operation.name)
        digest.add(UInt64(bitPattern: Int64(target ?? -1)))
        digest.add(UInt64(bitPattern: result))
        if keepSteps { steps.append(StressStep(operation: operation, target: target, heap: heap, result: result)) }
    }

    // MARK: - Operations

    func perform(_ operation: StressOperation) throws(InvariantViolation) {
        switch operation {
        case .xmalloc(let heap, let size, let align): try xmalloc(operation, heap: heap, size: size, align: align)
        case .xmfree(let pick): try xmfree(operation, pick: pick)
        case .galloc(let pages): try galloc(operation, pages: pages)
        case .gfree(let pick): try gfree(operation, pick: pick)
        case .initHeap(let pick, let pages): try initHeap(operation, pick: pick, pages: pages)
        case .pin(let pick, let kind): try pin(operation, pick: pick, kind: kind)
        case .unpin(let pick, let kind): try unpin(operation, pick: pick, kind: kind)
        case .store(let pick): try store(operation, pick: pick)
        case .load(let pick): try load(operation, pick: pick, disabled: false)
        case .disabledLoad(let pick): try load(operation, pick: pick, disabled: true)
        case .interrupt(let source, let work): try interrupt(operation, source: source, work: work)
        case .touch(let pick): try touch(operation, pick: pick)
        }
    }

    private func xmalloc(_ op: StressOperation, heap: StressHeap, size: Int, align: Int) throws(InvariantViolation) {
        let target: ReferenceModel.Heap
        let handle: UInt
        switch heap {
        case .kernel: (target, handle) = (.kernel, kernelHeap)
        case .pinned: (target, handle) = (.pinned, pinnedHeap)
        case .private(let pick):
            guard let p = model.pick(pick, in: model.privateHeaps) else { return note(op, target: nil, result: 0) }
            (target, handle) = (.private(serial: p.serial), p.handle)
        }
        let host = UInt(bitPattern: Int(call("xmalloc", [UInt64(size), UInt64(align), UInt64(handle)]).value))
        guard host != 0, let ea = ea(host) else {
            failedAllocations += 1
            return note(op, target: nil, heap: heapSerial(target), result: 0)
        }
        let block = ReferenceModel.Block(serial: model.serial(), host: host, ea: ea, size: size, align: align,
                                         heap: target)
        note(op, target: block.serial, heap: heapSerial(target), result: Int64(bitPattern: ea.rawValue))
        guard ea.rawValue % (UInt64(1) << UInt64(align)) == 0 else {
            throw violation(.misaligned, "xmalloc(\(size), \(align)) returned \(ea)")
        }
        if let other = model.overlapping(block) {
            throw violation(.overlap, "xmalloc(\(size), \(align)) returned \(ea), inside block #\(other.serial) "
                + "(\(other.size) bytes at \(other.ea))")
        }
        try checkPlacement(block)
        model.blocks.append(block)
    }

    private func heapSerial(_ heap: ReferenceModel.Heap) -> Int? {
        if case .private(let serial) = heap { return serial }
        return nil
    }

    private func handle(of heap: ReferenceModel.Heap) -> UInt {
        switch heap {
        case .kernel: kernelHeap
        case .pinned: pinnedHeap
        case .private(let serial): model.privateHeaps.first { $0.serial == serial }?.handle ?? 0
        }
    }

    private func xmfree(_ op: StressOperation, pick: Int) throws(InvariantViolation) {
        guard let block = model.pick(pick, in: model.blocks) else { return note(op, target: nil, result: 0) }
        let result = call("xmfree", [UInt64(block.host), UInt64(handle(of: block.heap))]).value
        note(op, target: block.serial, result: result)
        guard result == 0 else { throw violation(.serviceFailed, "xmfree of live block #\(block.serial) returned \(result)") }
        model.blocks.removeAll { $0.serial == block.serial }
        // Giving a block back may give its chunk back: every other block must still have memory.
        for other in model.blocks where other.heap == block.heap { try checkPlacement(other) }
    }

    private func galloc(_ op: StressOperation, pages: Int) throws(InvariantViolation) {
        let bytes = pages * Int(PageSize.bytes)
        let result = call("vm_galloc", [UInt64(GallocFlags.working.rawValue), UInt64(bytes),
                                        UInt64(UInt(bitPattern: eaddr))]).value
        guard result == 0, let ea = ea(UInt(eaddr.pointee)) else {
            failedAllocations += 1
            return note(op, target: nil, result: result)
        }
        let region = ReferenceModel.Region(serial: model.serial(), host: UInt(eaddr.pointee), ea: ea, bytes: bytes)
        note(op, target: region.serial, result: Int64(bitPattern: ea.rawValue))
        if let block = model.blocks.first(where: { $0.ea.rawValue < ea.rawValue + UInt64(bytes) && ea.rawValue < $0.end }) {
            throw violation(.overlap, "vm_galloc returned \(ea), over xmalloc block #\(block.serial)")
        }
        model.regions.append(region)
    }

    private func gfree(_ op: StressOperation, pick: Int) throws(InvariantViolation) {
        let candidates = model.regions.filter { !$0.isPinned && $0.privateHeap == nil }
        guard let region = model.pick(pick, in: candidates) else { return note(op, target: nil, result: 0) }
        let result = call("vm_gfree", [UInt64(region.host), UInt64(region.bytes)]).value
        note(op, target: region.serial, result: result)
        guard result == 0 else { throw violation(.serviceFailed, "vm_gfree of region #\(region.serial) returned \(result)") }
        model.regions.removeAll { $0.serial == region.serial }
    }

    private func initHeap(_ op: StressOperation, pick: Int, pages: Int) throws(InvariantViolation) {
        let bytes = pages * Int(PageSize.bytes)
        let candidates = model.regions.filter { $0.privateHeap == nil && $0.bytes >= bytes }
        guard let region = model.pick(pick, in: candidates) else { return note(op, target: nil, result: 0) }
        let handle = UInt(bitPattern: Int(call("init_heap", [UInt64(region.host), UInt64(bytes), 0]).value))
        guard handle != 0 else {
            note(op, target: region.serial, result: 0)
            throw violation(.serviceFailed, "init_heap over region #\(region.serial) returned NULL")
        }
        let heap = ReferenceModel.PrivateHeap(serial: model.serial(), handle: handle,
                                              area: region.ea.rawValue..<(region.ea.rawValue + UInt64(bytes)))
        note(op, target: region.serial, heap: heap.serial, result: Int64(bitPattern: region.ea.rawValue))
        update(region.serial) { $0.privateHeap = heap }
    }

    private func pin(_ op: StressOperation, pick: Int, kind: StressPinKind) throws(InvariantViolation) {
        guard let region = model.pick(pick, in: model.regions) else { return note(op, target: nil, result: 0) }
        let before = frameBudget()
        let needed = unpinnedPages(region.ea, bytes: region.bytes)
        let result = call(op.name, [UInt64(region.host), UInt64(region.bytes)]).value
        note(op, target: region.serial, result: result)
        try checkPinOutcome(region, name: op.name, result: result, before: before, needed: needed)
        // Refused for want of real memory, as predicted: nothing changes.
        if result == Int64(AIXErrno.noMemory.rawValue) {
            refusedPins += 1
            return try checkPins(region.serial)
        }
        guard result == 0 else { throw violation(.serviceFailed, "\(op.name) of region #\(region.serial) returned \(result)") }
        update(region.serial) { if kind == .shortTerm { $0.shortPins += 1 } else { $0.longPins += 1 } }
        try checkPins(region.serial)
    }

    private func unpin(_ op: StressOperation, pick: Int, kind: StressPinKind) throws(InvariantViolation) {
        let candidates = model.regions.filter { kind == .shortTerm ? $0.shortPins > 0 : $0.longPins > 0 }
        guard let region = model.pick(pick, in: candidates) else { return note(op, target: nil, result: 0) }
        let result = call(op.name, [UInt64(region.host), UInt64(region.bytes)]).value
        note(op, target: region.serial, result: result)
        guard result == 0 else { throw violation(.serviceFailed, "\(op.name) of region #\(region.serial) returned \(result)") }
        update(region.serial) { if kind == .shortTerm { $0.shortPins -= 1 } else { $0.longPins -= 1 } }
        try checkPins(region.serial)
    }

    func update(_ serial: Int, _ change: (inout ReferenceModel.Region) -> Void) {
        guard let i = model.regions.firstIndex(where: { $0.serial == serial }) else { return }
        change(&model.regions[i])
    }

    private func store(_ op: StressOperation, pick: Int) throws(InvariantViolation) {
        guard let block = model.pick(pick, in: model.blocks) else { return note(op, target: nil, result: 0) }
        if touchWouldHalt(block.ea, bytes: block.size) {
            refusedTouches += 1
            return note(op, target: block.serial, result: -1)
        }
        let fill = Self.fill(of: block.serial)
        note(op, target: block.serial, result: Int64(fill))
        let bytes = [UInt8](repeating: fill, count: block.size)
        var fault = aixsim_fault()
        let failed = bytes.withUnsafeBytes {
            aixsim_guarded_copy(UnsafeMutableRawPointer(bitPattern: block.host), $0.baseAddress, block.size, &fault) != 0
        }
        if failed { throw violation(.memoryFault, "storing into block #\(block.serial) at \(block.ea) faulted") }
        guard let i = model.blocks.firstIndex(where: { $0.serial == block.serial }) else { return }
        model.blocks[i].fill = fill
    }

    /// The byte a block is filled with: never zero, so fresh zero-filled memory never passes.
    public static func fill(of serial: Int) -> UInt8 { UInt8(serial % 251 + 1) }

    private func load(_ op: StressOperation, pick: Int, disabled: Bool) throws(InvariantViolation) {
        let candidates = model.blocks.filter { $0.fill != nil && (!disabled || $0.heap == .pinned) }
        guard let block = model.pick(pick, in: candidates) else { return note(op, target: nil, result: 0) }
        if !disabled, touchWouldHalt(block.ea, bytes: block.size) {
            refusedTouches += 1
            return note(op, target: block.serial, result: -1)
        }
        note(op, target: block.serial, result: 0)
        let old = disabled ? call("i_disable", [0]).value : 0
        let check = contents(of: block)
        if disabled { call("i_enable", [UInt64(bitPattern: old)]) }
        if let check { throw violation(check.kind, check.detail) }
    }

    /// A violation when the block does not read back as stored.
    func contents(of block: ReferenceModel.Block) -> InvariantViolation? {
        guard let fill = block.fill else { return nil }
        var bytes = [UInt8](repeating: 0, count: block.size)
        var fault = aixsim_fault()
        let failed = bytes.withUnsafeMutableBytes {
            aixsim_guarded_copy($0.baseAddress, UnsafeRawPointer(bitPattern: block.host), block.size, &fault) != 0
        }
        if failed { return violation(.memoryFault, "reading block #\(block.serial) at \(block.ea) faulted") }
        if let offset = bytes.firstIndex(where: { $0 != fill }) {
            return violation(.contents, "block #\(block.serial) (\(block.size) bytes at \(block.ea)) holds "
                + "0x\(String(bytes[offset], radix: 16)) at +\(offset), stored 0x\(String(fill, radix: 16))")
        }
        return nil
    }

    // MARK: - Checks

    /// The block lies inside memory its heap holds: a live galloc region tagged with the heap
    /// (global heaps, pinned for pinned_heap), or the private heap's area in a live region.
    private func checkPlacement(_ block: ReferenceModel.Block) throws(InvariantViolation) {
        let vmm = kernel.vmm
        switch block.heap {
        case .kernel, .pinned:
            let kind: HeapKind = block.heap == .kernel ? .kernel : .pinned
            guard let region = vmm.region(containing: block.ea), region.owner == RegionOwner.xmalloc(kind),
                  block.end <= region.end.rawValue
            else {
                throw violation(.outsideRegion, "block #\(block.serial) (\(block.size) bytes at \(block.ea)) of \(kind) "
                    + "is not inside a live region of \(kind)")
            }
            if kind == .pinned, !vmm.isPinned(block.ea, length: Int64(block.size)) {
                throw violation(.unpinnedPinnedHeap, "block #\(block.serial) at \(block.ea) is in pages not pinned")
            }
        case .private(let serial):
            guard let heap = model.privateHeaps.first(where: { $0.serial == serial }),
                  heap.area.contains(block.ea.rawValue), block.end <= heap.area.upperBound,
                  vmm.region(containing: block.ea) != nil
            else {
                throw violation(.outsideRegion, "block #\(block.serial) at \(block.ea) is outside its private heap's area")
            }
        }
    }

    func checkPins(_ serial: Int) throws(InvariantViolation) {
        guard let region = model.regions.first(where: { $0.serial == serial }) else { return }
        let last = region.ea.advanced(by: UInt64(region.bytes - Int(PageSize.bytes)))
        for page in [region.ea, last] {
            let count = kernel.vmm.pinCount(at: page)
            guard count.shortTerm == region.shortPins, count.longTerm == region.longPins else {
                throw violation(.pinCount, "page \(page) of region #\(serial): pin counts \(count.shortTerm)/\(count.longTerm), "
                    + "model \(region.shortPins)/\(region.longPins)")
            }
        }
    }

    /// Every invariant, over everything live.
    func sweep() throws(InvariantViolation) {
        if let (a, b) = model.anyOverlap() {
            throw violation(.overlap, "block #\(a.serial) at \(a.ea) (\(a.size) bytes) and #\(b.serial) at \(b.ea)")
        }
        for block in model.blocks {
            try checkPlacement(block)
            if !touchWouldHalt(block.ea, bytes: block.size), let bad = contents(of: block) { throw bad }
        }
        for region in model.regions { try checkPins(region.serial) }
        try checkStatistics()
        try checkGalloc()
        try checkPageStates()
    }

    /// Each heap's statistics equal the sum of what the model holds in it.
    private func checkStatistics() throws(InvariantViolation) {
        var heaps: [(ReferenceModel.Heap, HeapKind)] = [(.kernel, .kernel), (.pinned, .pinned)]
        for p in model.privateHeaps {
            if let ea = ea(p.handle), let kind = kernel.xmalloc.heap(atArea: ea) { heaps.append((.private(serial: p.serial), kind)) }
        }
        for (heap, kind) in heaps {
            let expected = model.liveBytes(in: heap)
            let stats = kernel.xmalloc.statistics(of: kind) ?? XmallocStatistics()
            guard stats.liveAllocations == expected.count, stats.bytesLive == expected.bytes else {
                throw violation(.statistics, "\(kind): \(stats.liveAllocations) allocations of \(stats.bytesLive) bytes, "
                    + "model \(expected.count) of \(expected.bytes)")
            }
        }
    }

    /// The run's galloc regions are exactly the model's, and pinned_heap's are all pinned.
    private func checkGalloc() throws(InvariantViolation) {
        let live = Set(kernel.regions(ownedBy: kext).map { "\($0.start)+\($0.size)" })
        let expected = Set(model.regions.map { "\($0.ea)+\($0.bytes)" })
        guard live == expected else {
            throw violation(.gallocAccounting, "regions \(live.subtracting(expected).sorted()) unexpected, "
                + "\(expected.subtracting(live).sorted()) missing")
        }
        for region in kernel.vmm.liveRegions where region.owner == RegionOwner.xmalloc(.pinned) {
            guard kernel.vmm.isPinned(region.start, length: Int64(region.size)) else {
                throw violation(.unpinnedPinnedHeap, "pinned_heap region at \(region.start) has unpinned pages")
            }
        }
    }

    /// Frees all the run holds, then checks nothing is left but the allocator's spares: at most
    /// one empty 64 KB chunk per size class in each global heap.
    private func freeEverything() throws(InvariantViolation) {
        for block in model.blocks {
            // An earlier free may have taken this block's memory away; xmfree must not see that.
            try checkPlacement(block)
            let result = call("xmfree", [UInt64(block.host), UInt64(handle(of: block.heap))]).value
            guard result == 0 else { throw violation(.serviceFailed, "final xmfree of block #\(block.serial) returned \(result)") }
        }
        model.blocks.removeAll()
        for region in model.regions {
            for _ in 0..<region.shortPins { call("unpin", [UInt64(region.host), UInt64(region.bytes)]) }
            for _ in 0..<region.longPins { call("ltunpin", [UInt64(region.host), UInt64(region.bytes)]) }
            let result = call("vm_gfree", [UInt64(region.host), UInt64(region.bytes)]).value
            guard result == 0 else { throw violation(.serviceFailed, "final vm_gfree of region #\(region.serial) returned \(result)") }
        }
        model.regions.removeAll()
        step = configuration.operations
        var final = InvariantViolation(kind: .leftover, step: nil, detail: "")
        let records = kernel.xmalloc.liveRecords()
        if !records.isEmpty {
            final.detail = "\(records.count) xmalloc records still live"
            throw final
        }
        let spares = SizeClass.blockSizes.count * SizeClass.globalChunkBytes
        for kind in [HeapKind.kernel, .pinned] {
            let held = kernel.xmalloc.statistics(of: kind)?.bytesHeld ?? 0
            if held > spares {
                final.detail = "\(kind) still holds \(held) bytes, more than its spares (\(spares))"
                throw final
            }
        }
        if let crash = kernel.crash {
            final.kind = .kernelCrash
            final.detail = "\(crash.kind): \(crash.message)"
            throw final
        }
    }

    // MARK: - Plot samples

    func sample() -> StressSample {
        var held: [Int: Int] = [:]
        for region in kernel.vmm.liveRegions { held[region.owner.rawValue, default: 0] += Int(region.size) }
        let stats = { (kind: HeapKind) in self.kernel.xmalloc.statistics(of: kind)?.bytesLive ?? 0 }
        let pinnedPages = model.regions.reduce(0) { $0 + ($1.isPinned ? $1.bytes / Int(PageSize.bytes) : 0) }
            + (held[RegionOwner.xmalloc(.pinned).rawValue] ?? 0) / Int(PageSize.bytes)
        return StressSample(
            step: step, gallocRun: held[kext.rawValue] ?? 0,
            gallocKernelHeap: held[RegionOwner.xmalloc(.kernel).rawValue] ?? 0,
            gallocPinnedHeap: held[RegionOwner.xmalloc(.pinned).rawValue] ?? 0,
            liveKernelHeap: stats(.kernel), livePinnedHeap: stats(.pinned),
            livePrivate: model.blocks.reduce(0) { $0 + (heapSerial($1.heap) != nil ? $1.size : 0) },
            pinnedPages: pinnedPages, pageFaults: kernel.pageFaultCounts(of: kext).pageFaults)
    }
}
