import CFaultGuard
import PowerArch
import VMM

/// One simulated AIX machine: the galloc heap and the components that each own one part of the
/// kernel's state, wired together. The kernel services (Services/, one file per AIX header) and
/// the machinery that crosses components (delivering interrupts, running time) are extensions
/// that reach the state only through these components.
///
/// A `Kernel` is used from one thread, the one that drives its kexts.
///
/// Why it holds more than a dozen stored properties: it is the façade, so it holds exactly one
/// property per component (dispatcher, interrupts, clock, sleep queue, accounting, allocation,
/// locks, user process, devices, cross-memory), each the single owner of its part of the state,
/// plus the wiring (configuration, the VMM, the loader's runtime, the worker's observer and what
/// was last published to it) and the run's outcome (`crash`). No component reaches into another;
/// anything that needs two of them is a `Kernel` extension in the component's folder.
public final class Kernel {
    public let configuration: Configuration
    public let vmm: VirtualMemoryManager
    /// The VMM's event-ring counters, held here so the service call's pending test reads them
    /// without loading the VMM first.
    let pageEvents: PageEventCounters
    /// The loader's side: kext code addresses and calls into kext code.
    public weak var runtime: (any KextRuntime)?
    public private(set) var crash: Crash?
    /// Told of calls, console output, events and findings as they happen (the worker's stream).
    public weak var observer: (any KernelObserver)? { didSet { mayHaveObserver = observer != nil } }
    /// False while no observer was ever set: a traced call then skips loading the weak reference.
    private(set) var mayHaveObserver = false
    var published = PublishedProgress()

    /// Service calls: the table, the environment rule, the trace and console.
    var dispatcher: ServiceDispatcher
    /// The CPU's environment, the handlers registered with i_init, the off-level queue.
    var interrupts = InterruptController()
    /// Simulated time, what is due when, the timer request blocks.
    var clock = Clock()
    /// Event words threads sleep on.
    var sleepQueue = SleepQueue()
    /// Per-kext names, page faults, code pins; the run's findings and timeline.
    var accounting = KextAccounting()
    /// The xmalloc heaps and fault injection, created on first use.
    var allocation = XmallocState()
    /// Every lock the kexts named: holders, the order they were taken in.
    var locks = LockRegistry()
    /// The simulated user process that drives the kexts through system calls, if the run has one.
    public internal(set) var userProcess: UserProcess?
    /// The device switch table (devswadd/devswdel).
    var devices = DeviceSwitch()
    /// Cross-memory attachments (xmattach/xmdetach).
    var crossMemory = CrossMemoryAttachments()

    public init(configuration: Configuration = Configuration()) throws(SetupError) {
        self.configuration = configuration
        guard let vmm = VirtualMemoryManager(
            bytes: configuration.gallocHeapBytes,
            pagingSpaceBytes: configuration.pagingSpaceBytes ?? configuration.gallocHeapBytes,
            realMemoryBytes: configuration.realMemoryBytes)
        else { throw .cannotReserveGallocHeap(bytes: configuration.gallocHeapBytes) }
        self.vmm = vmm
        pageEvents = vmm.pageEventCounters
        dispatcher = ServiceDispatcher(traceLimit: configuration.traceLimit)
    }

    deinit {
        clock.releaseTimerBlocks()
    }

    /// Ends the run with a crash. The first crash wins: a crashed system runs nothing more.
    public func recordCrash(_ crash: Crash) {
        if self.crash == nil { self.crash = stamped(crash) }
    }

    /// Fills in where the CPU was, for a crash report.
    func stamped(_ crash: Crash) -> Crash {
        var c = crash
        c.environment = c.environment ?? cpu.environment
        c.priority = c.priority ?? cpu.priority
        c.interruptSource = c.interruptSource ?? cpu.source?.description
        c.phase = c.phase ?? RunPhase(rawValue: phase)
        // A crash inside a service still has the kext's calls on the stack; a fault in kext code
        // brought its own frame (the stack under it was unwound by the fault guard).
        let stack = kextFramesOnStack()
        c.duringServiceCall = c.frames == nil && !stack.isEmpty
        c.frames = (c.frames ?? []) + stack
        return c
    }
}
