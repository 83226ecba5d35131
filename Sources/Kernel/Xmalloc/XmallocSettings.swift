import Xmalloc

/// How a kernel sets up xmalloc and fault injection: `--xmalloc-debug`, `--seed`, `--fail`,
/// and whether to keep the global-memory picture for `--heap` and `--map`.
public struct XmallocSettings: Sendable {
    /// AIX's xmalloc debug level; nil runs the plain allocator.
    public var debugLevel: XmallocDebugLevel?
    /// Seeds the debug sampling and the probabilistic fault injection, so a run replays.
    public var seed: UInt64 = 0
    public var failures: [FaultInjection] = []
    /// Keep every galloc region, free range and pinned page in the report (for `--heap`, `--map`).
    public var collectMemoryMap = false

    public init(debugLevel: XmallocDebugLevel? = nil, seed: UInt64 = 0, failures: [FaultInjection] = [],
                collectMemoryMap: Bool = false)
    {
        self.debugLevel = debugLevel
        self.seed = seed
        self.failures = failures
        self.collectMemoryMap = collectMemoryMap
    }

    var debugConfiguration: XmallocDebugConfiguration {
        debugLevel.map { .level($0, seed: seed) } ?? XmallocDebugConfiguration(seed: seed)
    }
}
