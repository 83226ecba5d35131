/// Which debug techniques run, on what fraction of allocations, and from which seed.
///
/// Frequencies are n/1024 of allocations, drawn per allocation from a SplitMix64 seeded with
/// `seed`, so the same seed and the same calls make the same choices:
///
/// | technique       | minimal | normal | detail | maximal | cost when applied                  |
/// |-----------------|---------|--------|--------|---------|------------------------------------|
/// | free-fill       |   16    |  128   |  512   |  1024   | a fill at xmfree, a scan at reuse  |
/// | trailers        |   16    |  128   |  512   |  1024   | a fill at xmalloc, a scan at xmfree|
/// | deferred reuse  |    0    |   64   |  512   |  1024   | quarantine depth 0 / 64 / 256 / 1024 blocks |
/// | guard pages     |    0    |    2   |   16   |    64   | two galloc pages per allocation    |
///
/// Guard pages stay rare even at maximal because each one costs a page of memory and a page of
/// address range (KFENCE samples for the same reason). Deferred reuse is off at minimal because
/// a quarantine changes which address the next allocation gets, the one visible change of
/// behaviour; the other minimal techniques leave addresses untouched.
///
/// Layout. The techniques leave each allocation where it would be without them, with two
/// documented exceptions: a trailer needs at least one byte of slack, so a sampled allocation
/// whose size is exactly its size class moves up one class (2048 moves to whole pages); and a
/// guard-page allocation leaves the buckets for its own region. A large (whole-page)
/// allocation whose size is an exact number of pages gets no trailer: the galloc guard page
/// right after it already faults on an overrun. Private heaps never grow, so they skip guard
/// pages.
public struct XmallocDebugConfiguration: Sendable, Hashable {
    public var freeFillPer1024: Int
    public var trailersPer1024: Int
    public var deferredReusePer1024: Int
    public var guardPagesPer1024: Int
    /// How many freed blocks the quarantine holds per heap before the oldest is reused.
    public var quarantineDepth: Int
    public var seed: UInt64

    public init(freeFillPer1024: Int = 0, trailersPer1024: Int = 0, deferredReusePer1024: Int = 0,
                guardPagesPer1024: Int = 0, quarantineDepth: Int = 0, seed: UInt64 = 0)
    {
        self.freeFillPer1024 = freeFillPer1024
        self.trailersPer1024 = trailersPer1024
        self.deferredReusePer1024 = deferredReusePer1024
        self.guardPagesPer1024 = guardPagesPer1024
        self.quarantineDepth = quarantineDepth
        self.seed = seed
    }

    /// No debug technique at all: the plain allocator.
    public static let off = XmallocDebugConfiguration()

    public static func level(_ level: XmallocDebugLevel, seed: UInt64) -> XmallocDebugConfiguration {
        switch level {
        case .minimal:
            XmallocDebugConfiguration(freeFillPer1024: 16, trailersPer1024: 16, seed: seed)
        case .normal:
            XmallocDebugConfiguration(freeFillPer1024: 128, trailersPer1024: 128,
                                      deferredReusePer1024: 64, guardPagesPer1024: 2,
                                      quarantineDepth: 64, seed: seed)
        case .detail:
            XmallocDebugConfiguration(freeFillPer1024: 512, trailersPer1024: 512,
                                      deferredReusePer1024: 512, guardPagesPer1024: 16,
                                      quarantineDepth: 256, seed: seed)
        case .maximal:
            XmallocDebugConfiguration(freeFillPer1024: 1024, trailersPer1024: 1024,
                                      deferredReusePer1024: 1024, guardPagesPer1024: 64,
                                      quarantineDepth: 1024, seed: seed)
        }
    }

    /// The techniques with a non-zero frequency: the ones whose checks do any work.
    public var options: XmallocDebugOptions {
        var on: XmallocDebugOptions = []
        if freeFillPer1024 > 0 { on.insert(.freeFill) }
        if trailersPer1024 > 0 { on.insert(.trailers) }
        if deferredReusePer1024 > 0, quarantineDepth > 0 { on.insert(.deferredReuse) }
        if guardPagesPer1024 > 0 { on.insert(.guardPages) }
        return on
    }

    /// How often a technique is applied, n/1024.
    public func frequency(of technique: XmallocDebugOptions) -> Int {
        switch technique {
        case .freeFill: freeFillPer1024
        case .trailers: trailersPer1024
        case .deferredReuse: quarantineDepth > 0 ? deferredReusePer1024 : 0
        case .guardPages: guardPagesPer1024
        default: 0
        }
    }
}
