/// A valid PTE that an insert or an invalidation took out of the table, with what the VMM needs to
/// account for it: the page it mapped and its final R and C bits.
public struct DisplacedEntry: Hashable, Sendable, CustomStringConvertible {
    /// Where the entry was.
    public let index: PTEIndex
    /// The entry as it was when removed, R and C included.
    public let entry: PageTableEntry
    /// The page the entry mapped (its first byte).
    public let virtualAddress: VirtualAddress
    public let reason: Reason

    public enum Reason: Hashable, Sendable {
        /// Evicted by the replacement policy to make room for another page.
        case evicted
        /// Overwritten by a new entry for the same virtual page.
        case remapped
        /// Removed by an invalidation.
        case invalidated
    }

    public init(index: PTEIndex, entry: PageTableEntry, virtualAddress: VirtualAddress, reason: Reason) {
        self.index = index
        self.entry = entry
        self.virtualAddress = virtualAddress
        self.reason = reason
    }

    public var description: String { "\(reason) \(index) VA \(virtualAddress): \(entry)" }
}
