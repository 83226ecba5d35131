/// A record's place in its heap's `RecordSlab`: what the live store, the freed ring and a
/// poisoned block hold instead of a copy of the record.
struct RecordSlot: Hashable {
    let index: Int32
}

/// Every record of one heap, each held once: the live store, the freed ring and the poisoned
/// blocks hold its slot, and count as its holders. A slot is reused only when the last holder
/// lets go, so an xmalloc+xmfree pair writes its record once and copies it nowhere (the copies
/// between three stores were a fifth of a pair).
///
/// The storage is manual (records are plain data, checked at init) so that reading one field
/// of a record touches only that field, and the pair's path makes no copy-on-write check.
final class RecordSlab {
    private var records: UnsafeMutablePointer<XmallocRecord>
    /// Per slot, how many of the live store, the freed ring and a poisoned block hold it (0 = free).
    private var holders: UnsafeMutablePointer<UInt8>
    private var freeSlots: UnsafeMutablePointer<Int32>
    private var freeCount = 0
    /// Slots ever handed out; those below it are in use or on the free list.
    private var used = 0
    private(set) var capacity: Int

    init(capacity: Int = 64) {
        precondition(_isPOD(XmallocRecord.self), "xmalloc: records must stay plain data to live in a slab")
        self.capacity = capacity
        records = .allocate(capacity: capacity)
        holders = .allocate(capacity: capacity)
        holders.initialize(repeating: 0, count: capacity)
        freeSlots = .allocate(capacity: capacity)
    }

    deinit {
        records.deallocate()
        holders.deallocate()
        freeSlots.deallocate()
    }

    /// Stores a record with one holder (its caller) and returns its slot.
    func add(_ record: XmallocRecord) -> RecordSlot {
        let index: Int
        if freeCount > 0 {
            freeCount -= 1
            index = Int(freeSlots[freeCount])
        } else {
            if used == capacity { grow() }
            index = used
            used += 1
        }
        (records + index).initialize(to: record)
        holders[index] = 1
        return RecordSlot(index: Int32(index))
    }

    /// Another holder for a slot already held.
    func hold(_ slot: RecordSlot) {
        let index = Int(slot.index)
        precondition(holders[index] > 0 && holders[index] < .max, "xmalloc: record slot \(index) held wrongly")
        holders[index] += 1
    }

    /// A holder lets go; the last one frees the slot.
    func release(_ slot: RecordSlot) {
        let index = Int(slot.index)
        precondition(holders[index] > 0, "xmalloc: record slot \(index) released more than held")
        holders[index] -= 1
        guard holders[index] == 0 else { return }
        (records + index).deinitialize(count: 1)
        freeSlots[freeCount] = Int32(index)
        freeCount += 1
    }

    /// The record in a held slot, read in place.
    subscript(slot: RecordSlot) -> XmallocRecord {
        unsafeAddress { UnsafePointer(records + Int(slot.index)) }
        unsafeMutableAddress { records + Int(slot.index) }
    }

    /// Slots in use, for tests.
    var count: Int { used - freeCount }

    private func grow() {
        let newCapacity = capacity * 2
        let newRecords = UnsafeMutablePointer<XmallocRecord>.allocate(capacity: newCapacity)
        // Plain data: the bytes of free slots are copied too, harmlessly.
        UnsafeMutableRawPointer(newRecords).copyMemory(
            from: records, byteCount: capacity * MemoryLayout<XmallocRecord>.stride)
        records.deallocate()
        records = newRecords
        let newHolders = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newHolders.initialize(from: holders, count: capacity)
        (newHolders + capacity).initialize(repeating: 0, count: newCapacity - capacity)
        holders.deallocate()
        holders = newHolders
        let newFree = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        newFree.initialize(from: freeSlots, count: freeCount)
        freeSlots.deallocate()
        freeSlots = newFree
        capacity = newCapacity
    }
}
