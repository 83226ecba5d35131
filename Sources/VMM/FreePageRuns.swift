/// Free pages of a range of pages, kept as sorted runs that never touch: what the galloc heap
/// and a private xmalloc heap's area both hand out and take back.
///
/// Giving pages back merges them with the runs on either side, so the runs stay as few as the
/// free space allows.
public struct FreePageRuns: Sendable {
    public private(set) var runs: [Range<UInt64>]

    /// All of `0..<pages` free.
    public init(pages: UInt64) {
        runs = pages > 0 ? [0..<pages] : []
    }

    public var freePageCount: UInt64 { runs.reduce(0) { $0 + ($1.upperBound - $1.lowerBound) } }

    /// First fit: the start of the lowest run that holds `pages`.
    public func firstFit(pages: UInt64) -> UInt64? {
        runs.first { $0.upperBound - $0.lowerBound >= pages }?.lowerBound
    }

    /// Next fit: the first place at or after `cursor` that holds `pages`, wrapping once.
    public func nextFit(pages: UInt64, from cursor: UInt64) -> UInt64? {
        let first = runs.firstIndex { $0.upperBound > cursor } ?? runs.count
        for run in runs[first...] {
            let start = max(run.lowerBound, cursor)
            if run.upperBound - start >= pages { return start }
        }
        return firstFit(pages: pages)
    }

    /// Takes pages that are free, all inside one run.
    public mutating func take(_ pages: Range<UInt64>) {
        guard let i = runs.firstIndex(where: { $0.contains(pages.lowerBound) }) else {
            preconditionFailure("taking pages that are not free")
        }
        let r = runs[i]
        precondition(r.upperBound >= pages.upperBound, "taking pages across a run that is not free")
        var replacement: [Range<UInt64>] = []
        if r.lowerBound < pages.lowerBound { replacement.append(r.lowerBound..<pages.lowerBound) }
        if pages.upperBound < r.upperBound { replacement.append(pages.upperBound..<r.upperBound) }
        runs.replaceSubrange(i...i, with: replacement)
    }

    /// Gives pages back, merging them with neighbouring free runs.
    public mutating func give(_ pages: Range<UInt64>) {
        let i = runs.firstIndex { $0.lowerBound > pages.lowerBound } ?? runs.count
        precondition(i == 0 || runs[i - 1].upperBound <= pages.lowerBound, "pages given back twice")
        var merged = pages
        var lo = i
        var hi = i
        if i > 0, runs[i - 1].upperBound == pages.lowerBound {
            merged = runs[i - 1].lowerBound..<merged.upperBound
            lo = i - 1
        }
        if i < runs.count, runs[i].lowerBound == pages.upperBound {
            merged = merged.lowerBound..<runs[i].upperBound
            hi = i + 1
        }
        runs.replaceSubrange(lo..<hi, with: [merged])
    }
}
