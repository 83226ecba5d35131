/// A page-table entry group (PTEG): the eight PTEs one hash value selects, 128 bytes.
///
/// The eight entries are stored inline, not in an array, so reading or searching a group neither
/// allocates nor touches a reference count: the page-table search is on every translation miss.
public struct PTEGroup: Hashable, Sendable {
    /// PTEs per group.
    public static let slotCount = 8

    private var slots: InlineArray<8, PageTableEntry>

    /// A group of eight empty slots.
    public init() {
        slots = InlineArray(repeating: .empty)
    }

    /// The eight entries in slot order.
    public var entries: [PageTableEntry] { (0..<Self.slotCount).map { slots[$0] } }

    public subscript(slot: Int) -> PageTableEntry {
        get { slots[slot] }
        set { slots[slot] = newValue }
    }

    /// The first slot whose entry matches `searchWord` (see `PageTableEntry.searchWord`), in slot
    /// order as the hardware scans. Large-page entries are skipped: aixsim's segments use 4 KB
    /// base pages, and an L mismatch means the entry belongs to another page size.
    public func search(_ searchWord: UInt64) -> Int? {
        for slot in 0..<Self.slotCount where slots[slot].matchesBasePage(searchWord: searchWord) {
            return slot
        }
        return nil
    }

    /// The first slot with V = 0.
    public var firstFreeSlot: Int? {
        for slot in 0..<Self.slotCount where !slots[slot].isValid { return slot }
        return nil
    }

    /// Whether every slot is valid.
    public var isFull: Bool { firstFreeSlot == nil }

    /// Whether every slot is empty, so a sparse table need not keep the group.
    public var isEmpty: Bool {
        for slot in 0..<Self.slotCount where slots[slot].isValid { return false }
        return true
    }

    public static func == (a: PTEGroup, b: PTEGroup) -> Bool {
        for slot in 0..<slotCount where a.slots[slot] != b.slots[slot] { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        for slot in 0..<Self.slotCount { hasher.combine(slots[slot]) }
    }
}
