import PowerArch
import VMM

/// Pages a heap got from its source: a whole galloc region (kernel and pinned heaps), or a run
/// of a private heap's area inside the area's region.
struct PageGrant {
    let start: EffectiveAddress
    let bytes: Int
    let region: GallocRegion?
    /// True when `region` is this grant's own galloc region, to be freed with it.
    let ownsRegion: Bool
}
