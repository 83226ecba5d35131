import Kernel
import Xmalloc

/// Everything that decides a stress run besides its operations: with the operations (or the
/// seed that generates them) it replays the run exactly.
public struct StressConfiguration: Hashable, Sendable, Codable {
    public var seed: UInt64
    public var operations: Int
    /// A full sweep of every invariant after this many operations; cheap checks run after each.
    public var checkEvery: Int
    public var gallocHeapBytes: UInt64
    /// Simulated real memory; nil means as large as the heap, so nothing pages out.
    public var realMemoryBytes: UInt64?
    /// `--fail` rules, as written (`xmalloc:nth=3`).
    public var failures: [String]
    /// Planted allocator bugs by name (`XmallocFaultHooks.named`); empty for real runs.
    public var plantedBugs: [String]
    /// An exhaustion phase (`--exhaust`) after every this many operations and once after the
    /// final free; nil for none. Optional so configurations saved before it still decode.
    public var exhaustEvery: Int?

    public init(seed: UInt64 = 1, operations: Int = 10_000, checkEvery: Int = 100,
                gallocHeapBytes: UInt64 = 64 << 20, realMemoryBytes: UInt64? = nil,
                failures: [String] = [], plantedBugs: [String] = [], exhaustEvery: Int? = nil)
    {
        self.exhaustEvery = exhaustEvery
        self.seed = seed
        self.operations = operations
        self.checkEvery = checkEvery
        self.gallocHeapBytes = gallocHeapBytes
        self.realMemoryBytes = realMemoryBytes
        self.failures = failures
        self.plantedBugs = plantedBugs
    }

    var faultHooks: XmallocFaultHooks {
        XmallocFaultHooks(XmallocFaultHooks.named.filter { plantedBugs.contains($0.name) }.map(\.hook))
    }

    var kernelConfiguration: Kernel.Configuration {
        var c = Kernel.Configuration(gallocHeapBytes: gallocHeapBytes, traceLimit: 0)
        c.realMemoryBytes = realMemoryBytes
        c.xmalloc.seed = seed
        c.xmalloc.failures = failures.compactMap(FaultInjection.init(parsing:))
        return c
    }
}
