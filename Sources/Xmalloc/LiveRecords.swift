import PowerArch

/// One heap's live allocation records, by the address xmalloc returned: a slab of records
/// reused through a free list, found through chained buckets under a multiplicative hash of the
/// address. Every xmalloc inserts and every xmfree looks up and removes, so this replaces a
/// `Dictionary` whose SipHash of each address was a sixth of a 64-byte pair; the records stay
/// in their slots, and slots and buckets are reused, so a steady alloc/free loop allocates
/// nothing.
struct LiveRecords {
    private var records: [XmallocRecord?] = []
    /// Per slot, the next slot in its bucket's chain, or -1.
    private var next: [Int32] = []
    private var freeSlots: [Int32] = []
    /// Per bucket, the first slot of its chain, or -1; a power of two long.
    private var heads = [Int32](repeating: -1, count: 64)
    private var shift = 64 - 6
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    private func bucket(of address: EffectiveAddress) -> Int {
        // Fibonacci hashing: the top bits of the product mix every bit of the address.
        Int(truncatingIfNeeded: (address.rawValue &* 0x9E37_79B9_7F4A_7C15) >> UInt64(shift))
    }

    private func slot(of address: EffectiveAddress) -> Int32 {
        var slot = heads[bucket(of: address)]
        while slot >= 0, records[Int(slot)]?.address != address { slot = next[Int(slot)] }
        return slot
    }

    /// Whether `address` is live, without copying its record out.
    func contains(_ address: EffectiveAddress) -> Bool { slot(of: address) >= 0 }

    subscript(address: EffectiveAddress) -> XmallocRecord? {
        let slot = slot(of: address)
        return slot < 0 ? nil : records[Int(slot)]
    }

    /// Adds a record whose address is not live yet (the caller checked).
    mutating func insert(_ record: XmallocRecord) {
        if count >= heads.count { grow() }
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            records[Int(slot)] = record
        } else {
            slot = Int32(records.count)
            records.append(record)
            next.append(-1)
        }
        let b = bucket(of: record.address)
        next[Int(slot)] = heads[b]
        heads[b] = slot
        count += 1
    }

    /// Removes the record at `address`, if live, and returns it.
    mutating func remove(at address: EffectiveAddress) -> XmallocRecord? {
        let slot = unlink(address)
        return slot < 0 ? nil : records[Int(slot)].take()
    }

    /// Removes the record at `address`, if live, without copying it out (xmfree holds its copy).
    mutating func discard(at address: EffectiveAddress) {
        let slot = unlink(address)
        if slot >= 0 { records[Int(slot)] = nil }
    }

    /// Takes the slot holding `address` out of its chain and onto the free list; -1 if none.
    private mutating func unlink(_ address: EffectiveAddress) -> Int32 {
        let b = bucket(of: address)
        var previous: Int32 = -1
        var slot = heads[b]
        while slot >= 0, records[Int(slot)]?.address != address {
            previous = slot
            slot = next[Int(slot)]
        }
        guard slot >= 0 else { return -1 }
        if previous < 0 { heads[b] = next[Int(slot)] } else { next[Int(previous)] = next[Int(slot)] }
        freeSlots.append(slot)
        count -= 1
        return slot
    }

    /// Every live record, in no particular order.
    var values: [XmallocRecord] { records.compactMap { $0 } }

    private mutating func grow() {
        heads = [Int32](repeating: -1, count: heads.count * 2)
        shift -= 1
        for slot in records.indices {
            guard let record = records[slot] else { continue }
            let b = bucket(of: record.address)
            next[slot] = heads[b]
            heads[b] = Int32(slot)
        }
    }
}
