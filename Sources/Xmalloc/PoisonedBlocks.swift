/// The poisoned blocks of one chunk and the freed allocation each fill stands for: per block,
/// the slot of its record in the heap's `RecordSlab` (a poisoned block is one of the record's
/// holders), so poisoning a block at xmfree and checking it when it is handed out again index
/// a buffer, hash nothing and copy no record (both happen on every pair).
final class PoisonedBlocks {
    private let blockCount: Int
    /// Per block, its record's slot index, or -1; allocated at the first poisoning.
    private var slotOfBlock: UnsafeMutablePointer<Int32>?
    private(set) var count = 0

    init(blockCount: Int) { self.blockCount = blockCount }

    deinit { slotOfBlock?.deallocate() }

    /// The record slot a poisoned block stands for, or nil when the block is not poisoned.
    func slot(of block: Int) -> RecordSlot? {
        guard let slotOfBlock, slotOfBlock[block] >= 0 else { return nil }
        return RecordSlot(index: slotOfBlock[block])
    }

    /// Marks a block poisoned for `slot`, which the caller has already counted this block as
    /// a holder of; returns the slot it replaces (whose hold passes back to the caller).
    func store(_ slot: RecordSlot, at block: Int) -> RecordSlot? {
        let table: UnsafeMutablePointer<Int32>
        if let slotOfBlock {
            table = slotOfBlock
        } else {
            table = .allocate(capacity: blockCount)
            table.initialize(repeating: -1, count: blockCount)
            slotOfBlock = table
        }
        let existing = table[block]
        table[block] = slot.index
        guard existing >= 0 else {
            count += 1
            return nil
        }
        return RecordSlot(index: existing)
    }

    /// Unmarks a block; returns its slot, whose hold passes to the caller.
    func remove(_ block: Int) -> RecordSlot? {
        guard let slotOfBlock, slotOfBlock[block] >= 0 else { return nil }
        let slot = RecordSlot(index: slotOfBlock[block])
        slotOfBlock[block] = -1
        count -= 1
        return slot
    }

    /// The poisoned blocks' indices, ascending.
    var keys: [Int] {
        guard let slotOfBlock, count > 0 else { return [] }
        return (0..<blockCount).filter { slotOfBlock[$0] >= 0 }
    }
}
