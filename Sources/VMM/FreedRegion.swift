/// A region `vm_gfree` has returned, kept so reports can name what a stale access hit.
public struct FreedRegion: Sendable {
    public let region: GallocRegion
    /// The order of the free among all frees.
    public let freeSequence: Int
}
