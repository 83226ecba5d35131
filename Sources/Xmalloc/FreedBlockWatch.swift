import PowerArch

/// The last few freed bucket blocks of one heap, poisoned whatever the sampling drew, so that
/// every debug level (minimal too) catches a write after free: when the block is handed out
/// again, when it leaves the watch, or at the latest when the kext is unloaded.
///
/// Poisoning a block changes no address, so the watch keeps minimal's promise of an unchanged
/// layout; it costs one fill per xmfree, bounded by the block size (2 KB at most).
final class FreedBlockWatch {
    struct Entry {
        let chunk: EffectiveAddress
        let index: Int
        /// The freed allocation's sequence: the block may have been reused (and freed again)
        /// by the time the entry leaves, and then it is not this entry's to check.
        let sequence: Int
    }

    /// Blocks watched per heap; a stale pointer is usually used soon after its xmfree.
    static let depth = 64

    /// A fixed ring in a manual buffer: one push per xmfree makes no copy-on-write check.
    private let entries = UnsafeMutablePointer<Entry>.allocate(capacity: FreedBlockWatch.depth)
    private var count = 0
    private var head = 0

    deinit { entries.deallocate() }

    /// Adds a block; returns the oldest when the watch is over its depth.
    func push(_ entry: Entry) -> Entry? {
        if count < Self.depth {
            (entries + count).initialize(to: entry)
            count += 1
            return nil
        }
        let oldest = entries[head]
        entries[head] = entry
        head = (head + 1) % Self.depth
        return oldest
    }
}
