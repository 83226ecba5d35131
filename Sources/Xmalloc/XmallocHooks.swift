import PowerArch
import VMM

/// What the allocator asks of the layers around it, as closures the caller supplies: pinning
/// lives in the VMM, fault injection and finding reports in the kernel. Every hook is optional.
public struct XmallocHooks {
    /// Pins a region pinned_heap just took from galloc, before any of it is handed out; false
    /// makes that xmalloc fail cleanly (the region goes back). Without a hook, pinning is
    /// taken to succeed.
    public var pin: ((GallocRegion) -> Bool)?
    /// Unpins a pinned_heap region before it goes back to galloc.
    public var unpin: ((GallocRegion) -> Void)?
    /// Whether any page of `size` bytes at the address is still pinned; consulted at xmfree
    /// on kernel_heap, where freeing pinned memory is a bug.
    public var isPinned: ((EffectiveAddress, Int) -> Bool)?
    /// Consulted once per xmalloc on an initialised heap with valid arguments; true forces
    /// that xmalloc to return NULL (`--fail xmalloc:nth=N`).
    public var shouldFail: (() -> Bool)?
    /// Called with each finding as it is made, so the kernel can report it at the call.
    public var report: ((XmallocFinding) -> Void)?

    public init(pin: ((GallocRegion) -> Bool)? = nil, unpin: ((GallocRegion) -> Void)? = nil,
                isPinned: ((EffectiveAddress, Int) -> Bool)? = nil,
                shouldFail: (() -> Bool)? = nil, report: ((XmallocFinding) -> Void)? = nil)
    {
        self.pin = pin
        self.unpin = unpin
        self.isPinned = isPinned
        self.shouldFail = shouldFail
        self.report = report
    }
}
