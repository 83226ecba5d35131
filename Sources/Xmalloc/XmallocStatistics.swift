/// Counters of one heap, for the inspectors and for tests.
public struct XmallocStatistics: Hashable, Sendable, Codable {
    /// Successful xmalloc calls.
    public var allocations = 0
    /// Successful xmfree calls.
    public var frees = 0
    /// xmalloc calls that returned NULL, for any reason (injected ones included).
    public var failures = 0
    /// Of `failures`, those the fault-injection hook forced.
    public var injectedFailures = 0
    /// xmfree calls that returned -1.
    public var rejectedFrees = 0
    public var liveAllocations = 0
    /// Bytes the callers asked for, still allocated.
    public var bytesLive = 0
    /// The highest `bytesLive` seen.
    public var peakBytesLive = 0
    /// Bytes of pages the heap holds from its source (galloc, or its private area).
    public var bytesHeld = 0
    /// galloc regions (or area page runs) taken and given back over the heap's life.
    public var regionsTaken = 0
    public var regionsReturned = 0

    public init() {}
}
