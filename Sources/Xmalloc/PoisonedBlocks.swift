/// The poisoned blocks of one chunk and the freed allocation each fill stands for: a slab of
/// records with one slot index per block, so poisoning a block at xmfree and checking it when
/// it is handed out again index arrays and hash nothing (both happen on every pair).
struct PoisonedBlocks {
    private let blockCount: Int
    /// Per block, its record's slot in `records`, or -1; sized at the first poisoning.
    private var slotOfBlock: [Int32] = []
    private var records: [XmallocRecord?] = []
    private var freeSlots: [Int32] = []

    init(blockCount: Int) { self.blockCount = blockCount }

    subscript(block: Int) -> XmallocRecord? {
        get {
            guard !slotOfBlock.isEmpty else { return nil }
            let slot = slotOfBlock[block]
            return slot < 0 ? nil : records[Int(slot)]
        }
        set {
            if let newValue { store(newValue, at: block) } else { _ = removeValue(forKey: block) }
        }
    }

    private mutating func store(_ record: XmallocRecord, at block: Int) {
        if slotOfBlock.isEmpty { slotOfBlock = Array(repeating: -1, count: blockCount) }
        let existing = slotOfBlock[block]
        if existing >= 0 {
            records[Int(existing)] = record
            return
        }
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            records[Int(slot)] = record
        } else {
            slot = Int32(records.count)
            records.append(record)
        }
        slotOfBlock[block] = slot
    }

    mutating func removeValue(forKey block: Int) -> XmallocRecord? {
        guard !slotOfBlock.isEmpty else { return nil }
        let slot = slotOfBlock[block]
        guard slot >= 0 else { return nil }
        slotOfBlock[block] = -1
        freeSlots.append(slot)
        return records[Int(slot)].take()
    }

    /// The poisoned blocks' indices, ascending.
    var keys: [Int] { slotOfBlock.indices.filter { slotOfBlock[$0] >= 0 } }
}
