/// A page-table entry group (PTEG): the eight PTEs one hash value selects, 128 bytes.
public struct PTEGroup: Hashable, Sendable {
    /// PTEs per group.
    public static let slotCount = 8

    public private(set) var entries: [PageTableEntry]

    /// A group of eight empty slots.
    public init() {
        entries = Array(repeating: .empty, count: Self.slotCount)
    }

    public subscript(slot: Int) -> PageTableEntry {
        get { entries[slot] }
        set { entries[slot] = newValue }
    }

    /// The first slot whose entry matches `searchWord` (see `PageTableEntry.searchWord`), in slot
    /// order as the hardware scans. Large-page entries are skipped: aixsim's segments use 4 KB
    /// base pages, and an L mismatch means the entry belongs to another page size.
    public func search(_ searchWord: UInt64) -> Int? {
        entries.firstIndex { $0.matches(searchWord: searchWord) && !$0.isLarge }
    }

    /// The first slot with V = 0.
    public var firstFreeSlot: Int? { entries.firstIndex { !$0.isValid } }

    /// Whether every slot is valid.
    public var isFull: Bool { firstFreeSlot == nil }

    /// Whether every slot is empty, so a sparse table need not keep the group.
    public var isEmpty: Bool { entries.allSatisfy { !$0.isValid } }
}
