import Kernel
import PowerArch

/// Everything a `load` run produced, for the human report and for `--json`.
public struct RunReport: Codable, Sendable {
    public enum Outcome: String, Codable, Sendable {
        case ok
        case loadError = "load-error"
        case entryFailed = "entry-failed"
        case crash
        case findings

        /// The exit status scripts read: 0 ok, 1 load error, 2 CFG_INIT failed, 3 system crash,
        /// 4 findings.
        public var exitStatus: Int32 {
            switch self {
            case .ok: 0
            case .loadError: 1
            case .entryFailed: 2
            case .crash: 3
            case .findings: 4
            }
        }
    }

    /// The run's exit status: its outcome's, except a run a signal from outside ended, which
    /// exits as a process that signal ended would (128 + the signal), whoever reported it.
    public var exitStatus: Int32 {
        if let crash, crash.kind == .interrupted, let signal = crash.signal { return 128 + signal }
        return outcome.exitStatus
    }

    public struct KextInfo: Codable, Sendable {
        public let name: String
        public let path: String
        public let entry: String
        /// Where the entry point is defined: its first line, with `-g`.
        public var source: KextFrame?

        public init(name: String, path: String, entry: String, source: KextFrame? = nil) {
            self.name = name
            self.path = path
            self.entry = entry
            self.source = source
        }
    }

    /// What the entry point returned for each command it was called with (nil: not called, or
    /// the call did not return).
    public struct LoadedKextInfo: Codable, Sendable {
        public let name: String
        public let path: String
        public let entry: String
        public var initResult: Int32?
        public var termResult: Int32?
        /// Where the entry point is defined, as for the main kext.
        public var source: KextFrame? = nil
    }

    public struct EntryResults: Codable, Sendable {
        public var `init`: Int32?
        public var term: Int32?
        /// The errno name of a non-zero CFG_INIT result.
        public var initError: String?
    }

    public struct HeapInfo: Codable, Sendable {
        public let start: EffectiveAddress
        public let size: UInt64
        public let pagingSpace: UInt64
        /// Regions still allocated when the run ended.
        public let liveRegions: Int
    }

    public var outcome: Outcome
    public var kext: KextInfo?
    public var entry = EntryResults()
    /// The `--data` text handed to CFG_INIT, if any.
    public var data: String?
    public var calls: [CallRecord] = []
    /// Calls made beyond the trace limit, counted but not kept.
    public var callsNotShown = 0
    public var callCounts: [String: Int] = [:]
    /// Each allocating service's distinct kext call sites, in first-call order (what
    /// `aixsim explore` fails one at a time); nil in reports from before it was kept.
    public var allocationSites: [String: [String]]?
    public var console: [String] = []
    /// What the kernel did on its own (interrupts delivered, timers run), in order.
    public var events: [KernelEvent] = []
    /// Simulated time that ran between CFG_INIT and CFG_TERM.
    public var ranFor: SimulatedTime?
    public var crash: Crash?
    public var findings: [Finding] = []
    /// Findings beyond `findingsLimit`, counted but not kept: a kext that leaks a million
    /// allocations gets a report of bounded size.
    public var findingsNotShown = 0
    public static let findingsLimit = 1000
    public var gallocHeap: HeapInfo?
    /// The xmalloc heaps and, with `--heap`/`--map`, the global address space (XmallocReport.swift).
    public var xmalloc: XmallocReport?
    public var paging: PagingReport?
    /// The MMU after CFG_INIT, with --inspect.
    public var inspection: MMUInspection?
    /// Every kext of a run that loaded several, in load order, with their entry points' results.
    public var loaded: [LoadedKextInfo]?
    /// The user program's system calls, with --user.
    public var user: UserProgramReport?
    /// For a load error: the one-line reason.
    public var error: String?
    /// For a compile failure: the compiler's output.
    public var diagnostics: String?
    /// With `--keep`: where the shared object built for the run was left.
    public var keptObject: String?

    public init(outcome: Outcome) { self.outcome = outcome }

    public init(loadError: LoadError) {
        outcome = .loadError
        error = loadError.description
        diagnostics = loadError.diagnostics
    }
}
