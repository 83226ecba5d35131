import PowerArch

/// What the stress run believes the kernel holds, kept from the calls it made and what they
/// returned, never from the allocator's own books: the independent side of every invariant.
public struct ReferenceModel {
    public enum Heap: Hashable, Sendable {
        case kernel, pinned
        /// The private heap created by the run's `serial`-th object.
        case `private`(serial: Int)
    }

    public struct Block: Hashable, Sendable {
        public let serial: Int
        public let host: UInt
        public let ea: EffectiveAddress
        public let size: Int
        public let align: Int
        public let heap: Heap
        /// The byte the block was filled with, once stored.
        public var fill: UInt8?
        public var end: UInt64 { ea.rawValue + UInt64(size) }
    }

    public struct Region: Hashable, Sendable {
        public let serial: Int
        public let host: UInt
        public let ea: EffectiveAddress
        public let bytes: Int
        public var shortPins = 0
        public var longPins = 0
        /// The private heap over its first pages, if any.
        public var privateHeap: PrivateHeap?
        /// The byte `touch` stored at the start of each page, once touched.
        public var touched: UInt8?
        public var isPinned: Bool { shortPins > 0 || longPins > 0 }
    }

    public struct PrivateHeap: Hashable, Sendable {
        public let serial: Int
        public let handle: UInt
        public let area: Range<UInt64>
    }

    /// Live objects, oldest first: the order `pick` resolves in.
    public internal(set) var blocks: [Block] = []
    public internal(set) var regions: [Region] = []
    public var privateHeaps: [PrivateHeap] { regions.compactMap(\.privateHeap) }
    private var nextSerial = 0

    public init() {}

    mutating func serial() -> Int {
        nextSerial += 1
        return nextSerial
    }

    func pick<T>(_ pick: Int, in items: [T]) -> T? {
        items.isEmpty ? nil : items[pick % items.count]
    }

    /// The live block `block` would overlap, if any.
    func overlapping(_ block: Block) -> Block? {
        blocks.first { $0.serial != block.serial && $0.ea.rawValue < block.end && block.ea.rawValue < $0.end }
    }

    /// Overlaps anywhere among the live blocks, by a sort rather than all pairs.
    func anyOverlap() -> (Block, Block)? {
        let sorted = blocks.sorted { $0.ea < $1.ea }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.ea.rawValue < a.end { return (a, b) }
        return nil
    }

    func liveBytes(in heap: Heap) -> (count: Int, bytes: Int) {
        blocks.reduce((0, 0)) { $1.heap == heap ? ($0.0 + 1, $0.1 + $1.size) : $0 }
    }
}
