import PowerArch

/// One heap's live allocation records, by the address xmalloc returned: slots of the heap's
/// `RecordSlab`, found through chained buckets under a multiplicative hash of the address.
/// Every xmalloc inserts and every xmfree looks up and removes, so this replaces a
/// `Dictionary` whose SipHash of each address was a sixth of a 64-byte pair. The chains live in
/// manual buffers indexed by slot: the pair's path makes no copy-on-write check, and a steady
/// alloc/free loop allocates nothing.
final class LiveRecords {
    let slab: RecordSlab
    /// Per slab slot, the next slot in its bucket's chain, or -1; as long as the slab.
    private var next: UnsafeMutablePointer<Int32>
    private var nextCapacity: Int
    /// Per bucket, the first slot of its chain, or -1; a power of two long.
    private var heads: UnsafeMutablePointer<Int32>
    private var bucketCount = 64
    private var shift: UInt64 = 64 - 6
    private(set) var count = 0

    init(slab: RecordSlab = RecordSlab()) {
        self.slab = slab
        nextCapacity = slab.capacity
        next = .allocate(capacity: nextCapacity)
        next.initialize(repeating: -1, count: nextCapacity)
        heads = .allocate(capacity: bucketCount)
        heads.initialize(repeating: -1, count: bucketCount)
    }

    deinit {
        next.deallocate()
        heads.deallocate()
    }

    var isEmpty: Bool { count == 0 }

    private func bucket(of address: EffectiveAddress) -> Int {
        // Fibonacci hashing: the top bits of the product mix every bit of the address.
        Int(truncatingIfNeeded: (address.rawValue &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The slot of the live record at `address`, if any.
    func slot(of address: EffectiveAddress) -> RecordSlot? {
        var slot = heads[bucket(of: address)]
        while slot >= 0, slab[RecordSlot(index: slot)].address != address { slot = next[Int(slot)] }
        return slot < 0 ? nil : RecordSlot(index: slot)
    }

    /// Whether `address` is live, without copying its record out.
    func contains(_ address: EffectiveAddress) -> Bool { slot(of: address) != nil }

    subscript(address: EffectiveAddress) -> XmallocRecord? {
        slot(of: address).map { slab[$0] }
    }

    /// Adds a record whose address is not live yet (the caller checked); the store holds it.
    @discardableResult
    func insert(_ record: XmallocRecord) -> RecordSlot {
        let slot = slab.add(record)
        link(slot)
        return slot
    }

    /// Chains a slot the store now holds (the slab's first holder).
    private func link(_ slot: RecordSlot) {
        if count >= bucketCount { grow() }
        let index = Int(slot.index)
        if index >= nextCapacity { growNext() }
        let b = bucket(of: slab[slot].address)
        next[index] = heads[b]
        heads[b] = slot.index
        count += 1
    }

    /// Removes the record at `address`, if live, and returns a copy of it.
    func remove(at address: EffectiveAddress) -> XmallocRecord? {
        guard let slot = unlink(address) else { return nil }
        let record = slab[slot]
        slab.release(slot)
        return record
    }

    /// Removes the record at `address`, if live, copying nothing.
    func discard(at address: EffectiveAddress) {
        if let slot = unlink(address) { slab.release(slot) }
    }

    /// Takes the slot holding `address` out of its chain and returns it with the store's hold,
    /// which passes to the caller; nil if none.
    func unlink(_ address: EffectiveAddress) -> RecordSlot? {
        let b = bucket(of: address)
        var previous: Int32 = -1
        var slot = heads[b]
        while slot >= 0, slab[RecordSlot(index: slot)].address != address {
            previous = slot
            slot = next[Int(slot)]
        }
        guard slot >= 0 else { return nil }
        if previous < 0 { heads[b] = next[Int(slot)] } else { next[Int(previous)] = next[Int(slot)] }
        next[Int(slot)] = -1
        count -= 1
        return RecordSlot(index: slot)
    }

    /// Takes a live slot (from `slot(of:)`) out of its chain, walking the chain by slot number
    /// alone; the store's hold passes to the caller.
    func unlink(_ slot: RecordSlot) {
        let b = bucket(of: slab[slot].address)
        var previous: Int32 = -1
        var current = heads[b]
        while current >= 0, current != slot.index {
            previous = current
            current = next[Int(current)]
        }
        precondition(current >= 0, "xmalloc: record slot \(slot.index) is not live")
        if previous < 0 { heads[b] = next[Int(current)] } else { next[Int(previous)] = next[Int(current)] }
        next[Int(current)] = -1
        count -= 1
    }

    /// Every live slot, in no particular order.
    var slots: [RecordSlot] {
        var result: [RecordSlot] = []
        result.reserveCapacity(count)
        for b in 0..<bucketCount {
            var slot = heads[b]
            while slot >= 0 {
                result.append(RecordSlot(index: slot))
                slot = next[Int(slot)]
            }
        }
        return result
    }

    /// Every live record, in no particular order.
    var values: [XmallocRecord] { slots.map { slab[$0] } }

    private func grow() {
        let live = slots
        heads.deallocate()
        bucketCount *= 2
        shift -= 1
        heads = .allocate(capacity: bucketCount)
        heads.initialize(repeating: -1, count: bucketCount)
        for slot in live {
            let b = bucket(of: slab[slot].address)
            next[Int(slot.index)] = heads[b]
            heads[b] = slot.index
        }
    }

    private func growNext() {
        let newCapacity = max(slab.capacity, nextCapacity * 2)
        let grown = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
        grown.initialize(from: next, count: nextCapacity)
        (grown + nextCapacity).initialize(repeating: -1, count: newCapacity - nextCapacity)
        next.deallocate()
        next = grown
        nextCapacity = newCapacity
    }
}
