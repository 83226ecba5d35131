import PowerArch

/// What a sub-page allocator such as xmalloc needs from the VMM: whole regions of global
/// memory, taken and given back with vm_galloc's rules, and the bytes behind them. Nothing about
/// how pages are backed, paged or translated.
public protocol PageSource: AnyObject {
    /// Takes a region of at least `size` bytes (vm_galloc).
    func allocate(flags: GallocFlags, size: Int64, owner: RegionOwner) -> Result<GallocRegion, AIXErrno>
    /// Gives back exactly a region `allocate` returned (vm_gfree).
    func free(start: EffectiveAddress, size: Int64) -> Result<GallocRegion, AIXErrno>
    /// The live region containing `ea`, if any.
    func region(containing ea: EffectiveAddress) -> GallocRegion?
    /// Every live region, in address order.
    var liveRegions: [GallocRegion] { get }
    /// Where the bytes of `ea` can be read and written in this process, if `ea` is in the source's
    /// range. Touching them is a page fault the VMM resolves.
    func hostPointer(for ea: EffectiveAddress) -> UnsafeMutableRawPointer?
}

extension VirtualMemoryManager: PageSource {
    public func hostPointer(for ea: EffectiveAddress) -> UnsafeMutableRawPointer? { map.hostPointer(from: ea) }
}
