import CFaultGuard
import PowerArch
import VMM

/// One simulated AIX machine: the galloc heap, the loaded kexts, the kernel services they call,
/// and what happened (the call trace, console output, a crash if there was one).
///
/// A `Kernel` is used from one thread, the one that drives its kexts.
public final class Kernel {
    public struct Configuration: Sendable {
        /// The size of the galloc heap's address range.
        public var gallocHeapBytes: UInt64
        /// The backing available to galloc'd memory; nil means as large as the heap.
        public var pagingSpaceBytes: UInt64?
        /// How many calls the trace keeps whole.
        public var traceLimit: Int
        /// xmalloc debug level, seed and fault injection (`--xmalloc-debug`, `--seed`, `--fail`).
        public var xmalloc = XmallocSettings()
        /// Simulated real memory (frames); nil means as large as the heap, so nothing pages out.
        public var realMemoryBytes: UInt64?

        /// 1 GB: far more than any sample needs, and cheap, since only the address range is
        /// reserved until a kext allocates.
        public static let defaultGallocHeapBytes: UInt64 = 1 << 30

        public init(gallocHeapBytes: UInt64 = defaultGallocHeapBytes,
                    pagingSpaceBytes: UInt64? = nil, traceLimit: Int = 10_000)
        {
            self.gallocHeapBytes = gallocHeapBytes
            self.pagingSpaceBytes = pagingSpaceBytes
            self.traceLimit = traceLimit
        }
    }

    public enum SetupError: Error, CustomStringConvertible {
        case cannotReserveGallocHeap(bytes: UInt64)
        public var description: String {
            switch self {
            case .cannotReserveGallocHeap(let bytes):
                "the host refused to reserve \(ByteCount(bytes)) of address space for the galloc heap"
            }
        }
    }

    public let configuration: Configuration
    public let heap: GallocHeap
    public private(set) var trace: CallTrace
    public private(set) var crash: Crash?
    /// Everything the kexts printed, in order.
    public private(set) var console: [String] = []
    /// The entry-point command being run, for the trace (`CFG_INIT`, `CFG_TERM`, …).
    public var phase = "load"
    /// The simulated CPU's environment: process or interrupt, priority, interrupted levels.
    public internal(set) var cpu = EnvironmentTracker() {
        didSet { if cpu.mayPageFault != oldValue.mayPageFault { syncPageFaultProtection() } }
    }
    /// The loader's side: kext code addresses and calls into kext code.
    public weak var runtime: (any KextRuntime)?
    /// How many times each kext pinned its code with pincode, by kext.
    var codePins: [KextID: Int] = [:]
    /// Handlers registered with i_init, by bus interrupt level, in registration order.
    var interruptHandlers: [Int32: [RegisteredHandler]] = [:]
    /// Off-level handlers scheduled with i_sched, not yet run.
    var offLevelQueue: [RegisteredHandler] = []
    /// Simulated time and what is due when.
    public internal(set) var now = SimulatedTime.zero
    var schedule = EventQueue()
    /// Timer request blocks handed out by talloc, by address.
    var timerBlocks: [UInt: TimerBlock] = [:]
    /// Event words threads sleep on (e_sleep), and the ones posted by e_wakeup.
    var sleepingOn: UInt?
    var postedWords: Set<UInt> = []
    /// Findings noticed during the run (besides those checked at unload).
    public internal(set) var findings: [Finding] = []
    /// What the kernel did on its own during the run, in order.
    public internal(set) var events: [KernelEvent] = []
    /// The xmalloc heaps and fault injection, created on first use (Kernel+Xmalloc.swift).
    var xmallocState: XmallocKernelState?
    var faultInjectorState: FaultInjector?
    /// Page-fault activity by kext, and the kext charged for faults seen between calls.
    var pageFaults: [KextID: PageFaultCounts] = [:]
    var pageFaultKext: KextID?

    private var kextNames: [String] = []
    private let services: [ServiceDefinition]
    /// Each export's legal environments, by export-list index.
    private let allowedEnvironments: [ServiceEnvironments]

    public init(configuration: Configuration = Configuration()) throws(SetupError) {
        self.configuration = configuration
        guard let heap = GallocHeap(
            bytes: configuration.gallocHeapBytes,
            pagingSpaceBytes: configuration.pagingSpaceBytes ?? configuration.gallocHeapBytes,
            realMemoryBytes: configuration.realMemoryBytes)
        else { throw .cannotReserveGallocHeap(bytes: configuration.gallocHeapBytes) }
        self.heap = heap
        trace = CallTrace(limit: configuration.traceLimit)
        allowedEnvironments = ExportList.all.map(\.environments)
        services = ExportList.all.map { export in
            guard let definition = Self.serviceDefinitions[export.name] else {
                fatalError("the export list names \(export.name) but the kernel does not implement it")
            }
            return definition
        }
    }

    deinit {
        for block in timerBlocks.values { block.storage.deallocate() }
    }

    // MARK: - Kexts

    public func registerKext(named name: String) -> KextID {
        kextNames.append(name)
        return KextID(rawValue: kextNames.count - 1)
    }

    public func name(of kext: KextID) -> String { kextNames[kext.rawValue] }

    func owner(_ kext: KextID) -> RegionOwner { RegionOwner(rawValue: kext.rawValue) }

    public func regions(ownedBy kext: KextID) -> [GallocRegion] {
        heap.liveRegions.filter { $0.owner == owner(kext) }
    }

    /// Regions a kext still holds when it is unloaded: findings of kind `leak`.
    public func leaks(of kext: KextID) -> [Finding] {
        regions(ownedBy: kext).map { region in
            Finding(kind: .leak, ea: region.start, size: region.size, kext: name(of: kext),
                    message: "\(ByteCount(region.size)) of global memory at \(region.start), "
                        + "allocated with vm_galloc(\(region.flags.aixSpelling)) as region "
                        + "#\(region.sequence), was never returned with vm_gfree")
        }
    }

    // MARK: - Service calls

    /// A service's implementation, and how its arguments read in the trace (rendered only for
    /// calls the trace keeps whole).
    struct ServiceDefinition: Sendable {
        let implementation: @Sendable (Kernel, ServiceCall) -> ServiceReturn
        let arguments: @Sendable (Kernel, ServiceArguments) -> [CallArgument]
    }

    /// One call in progress: which service (its export-list index), from which kext, with which
    /// arguments.
    struct ServiceCall {
        let index: Int
        let kext: KextID
        let arguments: ServiceArguments

        var export: KernelExport { ExportList.all[index] }
    }

    /// Runs the service at `index` of the export list for `kext`.
    /// Every call is first checked against the environment rules the export list declares.
    public func call(_ index: Int, from kext: KextID, _ arguments: ServiceArguments) -> ServiceReturn {
        let call = ServiceCall(index: index, kext: kext, arguments: arguments)
        absorbPageEvents(by: kext)
        pageFaultKext = kext
        absorbDeliveries()
        if let violation = cpu.check(service: call.export.name, allowed: allowedEnvironments[index]) {
            record(call, result: 0, detail: "refused: \(violation.message)")
            recordCrash(environmentViolation(violation, kext: kext))
            return .crashed
        }
        return services[index].implementation(self, call)
    }

    /// Traces one call. Arguments and detail are rendered only while the trace still keeps whole
    /// records, so a kext looping on a service pays for a counter, not for formatting.
    func record(_ call: ServiceCall, result: Int64, error: AIXErrno? = nil,
                detail: @autoclosure () -> String? = nil, output: String? = nil,
                resultText: @autoclosure () -> String? = nil)
    {
        let sequence = trace.count(call.index)
        guard trace.keepsRecords else { return }
        trace.append(CallRecord(
            sequence: sequence, kext: name(of: call.kext), phase: phase,
            service: call.export.name, arguments: services[call.index].arguments(self, call.arguments),
            result: result, resultText: resultText(), error: error?.name, detail: detail(), output: output, context: cpuContext))
    }

    func appendConsole(_ text: String) {
        console.append(text)
    }

    /// Ends the run with a crash. The first crash wins: a crashed system runs nothing more.
    public func recordCrash(_ crash: Crash) {
        if self.crash == nil { self.crash = stamped(crash) }
    }

    /// The kext function that made the service call in progress, found by walking the stack
    /// back to the first return address inside a kext.
    func callingFunction() -> String? {
        guard let runtime else { return nil }
        var frames = [UnsafeMutableRawPointer?](repeating: nil, count: 64)
        let count = frames.withUnsafeMutableBufferPointer { aixsim_backtrace($0.baseAddress, Int32($0.count)) }
        for frame in frames.prefix(Int(count)) {
            let pc = UInt(bitPattern: frame)
            // A return address points after the call; step back into the calling instruction.
            if pc != 0, runtime.kext(containing: pc - 1) != nil { return runtime.location(of: pc - 1) }
        }
        return nil
    }

    /// Keeps the host protection of unpinned global memory in step with whether the CPU may
    /// take a page fault, and tells the fault handler (which must then never hand such a fault to
    /// a setjmpx context: it is a crash).
    func syncPageFaultProtection() {
        let allowed = cpu.mayPageFault
        if !heap.setPageFaultsAllowed(allowed) {
            note("the host refused a protection change (vm.max_map_count?): unpinned pages may stay accessible")
        }
    }

    /// Where the CPU is, in a few words, when that is not the process level at INTBASE.
    var cpuContext: String? {
        if let source = cpu.source { return "interrupt level, \(cpu.priority.name): \(source)" }
        return cpu.priority == .INTBASE ? nil : "interrupts disabled to \(cpu.priority.name)"
    }

    /// Fills in where the CPU was, for a crash report.
    func stamped(_ crash: Crash) -> Crash {
        var c = crash
        c.environment = c.environment ?? cpu.environment.rawValue
        c.priority = c.priority ?? cpu.priority.name
        c.interruptSource = c.interruptSource ?? cpu.source?.description
        c.phase = c.phase ?? phase
        return c
    }

    /// Renders a pointer a kext passed: an effective address when it points into global
    /// memory, else the raw value.
    func describePointer(_ host: UInt) -> String {
        if host == 0 { return "NULL" }
        if let ea = heap.map.effectiveAddress(fromHost: host) { return ea.description }
        return "0x" + String(host, radix: 16, uppercase: true)
    }
}
