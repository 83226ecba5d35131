/// Where `HashedPageTable.insert` put an entry, and what it displaced to do so.
public struct PTEInsertion: Hashable, Sendable, CustomStringConvertible {
    /// The slot the new entry occupies.
    public let index: PTEIndex
    /// The hash group it went to (also its H bit).
    public let hash: HashFunction
    /// The valid entry that was in the slot before, if any: an eviction or the page's old mapping.
    public let displaced: DisplacedEntry?

    public init(index: PTEIndex, hash: HashFunction, displaced: DisplacedEntry?) {
        self.index = index
        self.hash = hash
        self.displaced = displaced
    }

    public var description: String {
        "\(index) (\(hash))" + (displaced.map { ", \($0)" } ?? "")
    }
}
