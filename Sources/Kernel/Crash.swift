import ExecutionEnvironment
import PowerArch

/// A simulated system crash: what AIX would have halted with, and why.
public struct Crash: Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Data Storage Interrupt: a load or store the MMU refused.
        case dsi
        case environmentViolation = "environment-violation"
        case assert, panic
        case unhandledException = "unhandled-exception"
        case watchdog
        /// A page fault the VMM allows but cannot satisfy (no frame, no slot, host refusal).
        case pagingFailure = "paging-failure"
        // Locks (Locks/LockWording.swift): each message carries the scenario, both sites named.
        /// Code waits for a lock only it, or code it interrupted, can release: AIX hangs.
        case selfDeadlock = "self-deadlock"
        /// A lock released, freed or handed back in a way AIX's lock code halts on.
        case lockMisuse = "lock-misuse"
        /// A thread went to sleep holding a simple (spin) lock.
        case sleepWithLock = "sleep-with-lock"
        /// An instruction POWER would have refused: a program interrupt (illegal instruction, trap).
        case programInterrupt = "program-interrupt"
        /// A trap of the host CPU with no POWER counterpart (x86 divide error, alignment check).
        case hostTrap = "host-trap"
        /// A signal the kext sent to the process running it.
        case hostSignal = "host-signal"
        /// aixsim itself died while running the kext (its own fault, or the kext corrupted it).
        case emulatorCorrupted = "emulator-corrupted"
        /// The kext ended the process running it (exit, _exit, exit_group).
        case exit
        /// No kernel-service call for longer than the watchdog allows: the kext spins.
        case hang
        /// A per-run limit (host time, CPU time, memory, output) stopped the run.
        case resourceLimit = "resource-limit"
        /// A host system call the sandbox refuses (process creation, files, signals to others).
        case sandboxViolation = "sandbox-violation"
        /// The person running aixsim interrupted it (Ctrl-C).
        case interrupted
    }

    public enum Access: String, Codable, Sendable { case load, store }

    public let kind: Kind
    /// The faulting effective address (for addresses outside global memory, the raw value).
    public let ea: EffectiveAddress?
    public let access: Access?
    /// DSISR as AIX would have set it (JSON: a hex string, like the addresses).
    public let dsisr: DSISR?
    /// One line: what happened.
    public let message: String
    /// A few sentences in plain words: the rule that was broken and what AIX does about it.
    public let explanation: String
    public let kext: String?
    /// Where in the kext: function+offset, or the service the kext had called.
    public let location: String?
    /// The environment and interrupt priority at the crash (JSON: `process`/`interrupt`, and the
    /// priority's AIX name such as `INTBASE`).
    public var environment: MachineState.Environment?
    public var priority: InterruptPriority?
    /// What brought the CPU to interrupt level, if it was there.
    public var interruptSource: String?
    /// The kernel service involved, for environment violations.
    public var service: String?
    /// The part of the run when the system crashed (JSON: `CFG_INIT`, `CFG_TERM`, `run`, `load`).
    public var phase: RunPhase?
    /// Segment, PTE and page state behind a DSI's address.
    public var mmu: MMUContext?
    /// For a DSI on xmalloc'd memory: the allocation (live or freed) and the galloc layer beneath.
    public var xmalloc: XmallocLayers?
    /// The kext code involved, innermost first: where it faulted or made the call that crashed,
    /// then the kext's calls that led there.
    public var frames: [KextFrame]?
    /// Whether the system crashed inside a service the kext had called (so that call never
    /// returned), not in kext code or after an entry point returned. Not in the JSON: the
    /// trace's `neverReturned` says it.
    public var duringServiceCall = false
    /// What kind of bad access a DSI was. Not in the JSON: the message and explanation word it.
    public var fault: FaultClassification?
    /// The AIX rule and the fix when this crash breaks a narrower rule than its kind's
    /// (`KindExplanation`): a kind such as environment-violation covers several rules.
    public var rule: String?
    public var fix: String?
    /// The host signal that ended the run from outside (kind interrupted), for the exit status.
    public var signal: Int32?

    public init(kind: Kind, ea: EffectiveAddress?, access: Access?, dsisr: DSISR?, message: String,
                explanation: String, kext: String?, location: String?)
    {
        self.kind = kind
        self.ea = ea
        self.access = access
        self.dsisr = dsisr
        self.message = message
        self.explanation = explanation
        self.kext = kext
        self.location = location
    }

    /// `0x42000000`: the register's value alone, as JSON carries it (like the addresses).
    static func hex(_ value: DSISR) -> String {
        let digits = String(value.rawValue, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private enum CodingKeys: String, CodingKey {
        case kind, ea, access, dsisr, message, explanation, kext, location
        case environment, priority, interruptSource, service, phase, mmu, xmalloc, frames, rule, fix, signal
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encodeIfPresent(ea, forKey: .ea)
        try c.encodeIfPresent(access, forKey: .access)
        try c.encodeIfPresent(dsisr.map(Self.hex), forKey: .dsisr)
        try c.encode(message, forKey: .message)
        try c.encode(explanation, forKey: .explanation)
        try c.encodeIfPresent(kext, forKey: .kext)
        try c.encodeIfPresent(location, forKey: .location)
        try c.encodeIfPresent(environment, forKey: .environment)
        try c.encodeIfPresent(priority, forKey: .priority)
        try c.encodeIfPresent(interruptSource, forKey: .interruptSource)
        try c.encodeIfPresent(service, forKey: .service)
        try c.encodeIfPresent(phase, forKey: .phase)
        try c.encodeIfPresent(mmu, forKey: .mmu)
        try c.encodeIfPresent(xmalloc, forKey: .xmalloc)
        if let frames, !frames.isEmpty { try c.encode(frames, forKey: .frames) }
        try c.encodeIfPresent(rule, forKey: .rule)
        try c.encodeIfPresent(fix, forKey: .fix)
        try c.encodeIfPresent(signal, forKey: .signal)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        ea = try c.decodeIfPresent(EffectiveAddress.self, forKey: .ea)
        access = try c.decodeIfPresent(Access.self, forKey: .access)
        dsisr = try c.decodeIfPresent(String.self, forKey: .dsisr)
            .flatMap { UInt32($0.dropFirst(2), radix: 16) }.map(DSISR.init(rawValue:))
        message = try c.decode(String.self, forKey: .message)
        explanation = try c.decode(String.self, forKey: .explanation)
        kext = try c.decodeIfPresent(String.self, forKey: .kext)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        environment = try c.decodeIfPresent(MachineState.Environment.self, forKey: .environment)
        priority = try c.decodeIfPresent(InterruptPriority.self, forKey: .priority)
        interruptSource = try c.decodeIfPresent(String.self, forKey: .interruptSource)
        service = try c.decodeIfPresent(String.self, forKey: .service)
        phase = try c.decodeIfPresent(RunPhase.self, forKey: .phase)
        mmu = try c.decodeIfPresent(MMUContext.self, forKey: .mmu)
        xmalloc = try c.decodeIfPresent(XmallocLayers.self, forKey: .xmalloc)
        frames = try c.decodeIfPresent([KextFrame].self, forKey: .frames)
        rule = try c.decodeIfPresent(String.self, forKey: .rule)
        fix = try c.decodeIfPresent(String.self, forKey: .fix)
        signal = try c.decodeIfPresent(Int32.self, forKey: .signal)
    }

    /// This crash with its own rule and fix in place of its kind's.
    public func breaking(rule: String, fix: String) -> Crash {
        var c = self
        c.rule = rule
        c.fix = fix
        return c
    }
}

/// Something wrong found at the end of a run that did not crash the system.
public struct Finding: Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case leak
        case termFailed = "term-failed"
        case interruptHandler = "interrupt-handler"
        case timerActive = "timer-active"
        case timeoutPending = "timeout-pending"
        case freedWhilePinned = "freed-while-pinned"
        /// uiomove(UIO_READ) copied out of global memory the kext never stored to (UIOServices).
        case uiomoveUnwrittenSource = "uiomove-unwritten-source"
        // xmalloc's (XmallocFindings.swift): each carries both layers in `xmalloc`.
        case xmallocLeak = "xmalloc-leak"
        case xmallocDoubleFree = "xmalloc-double-free"
        case xmallocFreeOfUnallocated = "xmalloc-free-unallocated"
        case xmallocWrongHeap = "xmalloc-wrong-heap"
        case xmallocUninitialisedHeap = "xmalloc-uninitialised-heap"
        case xmallocFreeOfPinned = "xmalloc-free-pinned"
        case xmallocWriteAfterFree = "xmalloc-write-after-free"
        case xmallocOverrun = "xmalloc-overrun"
        // Locks (Locks/LockWording.swift): latent deadlocks, and locks left behind.
        case lockOrderInversion = "lock-order-inversion"
        case lockInterruptUnsafe = "lock-interrupt-unsafe"
        case lockUninitialised = "lock-uninitialised"
        case lockHeldAtUnload = "lock-held-at-unload"
        /// A user program's system call did not return what the program expected.
        case userExpectation = "user-expectation"
        /// A device switch entry a kext added and left behind at unload.
        case deviceSwitchEntry = "device-switch-entry"
        /// A cross-memory descriptor attached and never detached.
        case xmemNotDetached = "xmem-not-detached"
        /// An unload asked for while another kext still imports from this one.
        case unloadRefused = "unload-refused"
    }

    public let kind: Kind
    public let ea: EffectiveAddress?
    public let size: UInt64?
    public let kext: String
    public let message: String
    /// For xmalloc findings: the xmalloc record and the galloc region and page behind it.
    public var xmalloc: XmallocLayers?
    /// The kext code that made the call where the finding was made, innermost first; nil for
    /// findings made at the end of the run.
    public var frames: [KextFrame]?

    public init(kind: Kind, ea: EffectiveAddress?, size: UInt64?, kext: String, message: String) {
        self.kind = kind
        self.ea = ea
        self.size = size
        self.kext = kext
        self.message = message
    }
}
