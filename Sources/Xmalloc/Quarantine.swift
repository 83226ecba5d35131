import PowerArch

/// The deferred-reuse FIFO of one heap: freed blocks wait here, oldest first out, before they
/// go back on their chunk's free list.
struct Quarantine {
    struct Entry {
        let chunk: EffectiveAddress
        let index: Int
    }

    let depth: Int
    private var entries: [Entry] = []
    private var head = 0

    init(depth: Int) { self.depth = depth }

    var count: Int { entries.count - head }

    /// Adds a block; returns the oldest one when the quarantine is over its depth.
    mutating func push(_ entry: Entry) -> Entry? {
        entries.append(entry)
        return count > depth ? popOldest() : nil
    }

    mutating func popOldest() -> Entry? {
        guard head < entries.count else { return nil }
        let entry = entries[head]
        head += 1
        // Compact now and then instead of removeFirst on every pop.
        if head > 64, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return entry
    }
}
