import PowerArch

/// Where an allocation's memory comes from, which decides how xmfree gives it back.
public enum XmallocPlacement: Hashable, Sendable {
    /// A block of a size class, in the bucket chunk starting at `chunk`.
    case bucket(chunk: EffectiveAddress, blockSize: Int)
    /// Whole pages of their own: a galloc region of the kernel or pinned heap, or pages of a
    /// private heap's area.
    case pages(Range<EffectiveAddress>)
    /// A one-page galloc region of its own, the allocation ending where the region's guard page
    /// begins (the guard-pages debug technique).
    case guardPage
}
