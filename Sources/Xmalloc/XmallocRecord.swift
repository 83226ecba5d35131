import PowerArch
import VMM

/// What xmalloc remembers about one live allocation: enough to free it, to check it, and to
/// name it in a leak report with both layers, the xmalloc call and the galloc memory behind it.
public struct XmallocRecord: Hashable, Sendable {
    /// The address xmalloc returned; xmfree must be given exactly this.
    public let address: EffectiveAddress
    /// The size the caller asked for.
    public let size: Int
    public let alignment: XmallocAlignment
    public let heap: HeapKind
    public let caller: XmallocCaller
    /// Allocation order across all heaps of the allocator, from 1; marks leaks "since".
    public let sequence: Int
    public let placement: XmallocPlacement
    /// The galloc region the memory lies in: the heap's chunk or page region, or for a private
    /// heap the region holding the heap's area. Nil only for a private heap whose area's region
    /// has gone, which is the area owner's bug.
    public let region: GallocRegion?
    /// Bytes reserved from `address` on: the block, the pages, or up to the guard page. The
    /// bytes in `size..<reservedBytes` are the slack a trailer lives in.
    public let reservedBytes: Int
    /// The debug techniques applied to this allocation.
    public let debug: XmallocDebugOptions
    /// The xmfree call that gave it back; nil while it is live. Reports of a later access to
    /// the freed memory name both ends of its life.
    public internal(set) var freedBy: XmallocCaller?

    public var owner: RegionOwner { caller.owner }

    /// The pages the requested bytes touch.
    public var pages: Range<EffectiveAddress> {
        PageSizeFacts.page(of: address)
            ..< PageSizeFacts.page(of: address.advanced(by: UInt64(size - 1))).advanced(by: PageSize.bytes)
    }

    public func contains(_ ea: EffectiveAddress) -> Bool {
        ea >= address && ea < address.advanced(by: UInt64(size))
    }

    var trailerRange: Range<Int> { size..<reservedBytes }
}
