import PowerArch
import VMM

/// One bucket chunk as the inspectors see it.
public struct XmallocChunkUsage: Hashable, Sendable {
    public let base: EffectiveAddress
    public let bytes: Int
    /// The galloc region the chunk is (kernel and pinned heaps) or lies in (private heaps).
    public let region: GallocRegion?
    public let blockCount: Int
    /// The length of the chunk's free list: blocks ready to hand out.
    public let freeListLength: Int
    public let liveBlocks: Int
    /// Freed blocks waiting in the quarantine, neither live nor on the free list.
    public let quarantinedBlocks: Int
}
