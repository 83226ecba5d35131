/// One step of the stress workload.
///
/// Operations name what they act on by a `pick`, resolved when they run as `pick % count` among
/// the live objects of that kind (blocks, regions, private heaps), oldest first, and do nothing
/// when there is none. So any subsequence of a workload is itself a valid workload: what the
/// shrinker relies on.
public enum StressOperation: Hashable, Sendable, Codable {
    /// `xmalloc(size, align, heap)`.
    case xmalloc(heap: StressHeap, size: Int, align: Int)
    /// `xmfree` of a live block, on its own heap.
    case xmfree(pick: Int)
    /// `vm_galloc(V_WORKING, pages * 4096, &eaddr)`.
    case galloc(pages: Int)
    /// `vm_gfree` of a live region that is neither pinned nor hosting a private heap.
    case gfree(pick: Int)
    /// `init_heap` over the first `pages` pages of a live region with no heap yet.
    case initHeap(pick: Int, pages: Int)
    /// `pin`/`ltpin` of a whole live region.
    case pin(pick: Int, kind: StressPinKind)
    /// `unpin`/`ltunpin` of a whole region this run has pinned.
    case unpin(pick: Int, kind: StressPinKind)
    /// Fills a live block with its own byte.
    case store(pick: Int)
    /// Reads a stored block back and compares.
    case load(pick: Int)
    /// With interrupts disabled to INTMAX (what interrupt handlers and timers run under): reads a
    /// stored pinned_heap block back, then i_enable. Only pinned memory may be touched there.
    case disabledLoad(pick: Int)
    /// Stores a byte at the start of each page of a live region without a private heap, after
    /// checking the previous touch's bytes: with little real memory, this is what makes pages go
    /// out and come back.
    case touch(pick: Int)
    /// `work` done by an interrupt handler the run schedules through `source`.
    case interrupt(source: StressInterruptSource, work: StressInterruptWork)

    /// A short name for traces, plots and the digest.
    public var name: String {
        switch self {
        case .xmalloc: "xmalloc"
        case .xmfree: "xmfree"
        case .galloc: "vm_galloc"
        case .gfree: "vm_gfree"
        case .initHeap: "init_heap"
        case .pin(_, let kind): kind == .shortTerm ? "pin" : "ltpin"
        case .unpin(_, let kind): kind == .shortTerm ? "unpin" : "ltunpin"
        case .store: "store"
        case .load: "load"
        case .disabledLoad: "disabled-load"
        case .interrupt(let source, let work): "\(source.name) \(work.name)"
        case .touch: "touch"
        }
    }
}
