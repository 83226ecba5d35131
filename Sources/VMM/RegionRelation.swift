/// What an address in or near the galloc heap relates to: a live region containing it, the most
/// recently freed region that contained it, or the closest live region.
public enum RegionRelation: Sendable {
    case inside(GallocRegion)
    case insideFreed(FreedRegion)
    /// `distance` counts from the region's last byte (1 is the first byte after it), or is
    /// negative before its start.
    case nearest(GallocRegion, distance: Int64)
    case none
}
