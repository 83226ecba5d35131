/// The Segment Lookaside Buffer: a small, software-loaded array of segment translations.
///
/// POWER4 and later have no hardware segment-table walk; a miss raises a segment interrupt and the
/// kernel loads an entry with `slbmte`. Entry 0 is special: `slbia` leaves it alone, which is why
/// kernels keep the segment holding their own text and stack there.
public struct SLB: Hashable, Sendable, CustomStringConvertible {
    /// The slots, valid or not, in slot order.
    public private(set) var entries: [SLBEntry]

    /// The SLB size of the 970-class processors, and believed to be POWER4/POWER5's.
    public static let defaultSlotCount = 64

    public init(slotCount: Int = SLB.defaultSlotCount) {
        precondition(slotCount > 0 && slotCount <= 4096, "slbmte can address at most 4096 slots")
        entries = Array(repeating: .invalid, count: slotCount)
    }

    public var slotCount: Int { entries.count }

    public subscript(slot: Int) -> SLBEntry { entries[slot] }

    /// The first slot whose entry translates `ea`, with that entry.
    ///
    /// Two valid entries for one segment are a kernel bug the hardware does not report either;
    /// taking the first keeps the answer deterministic.
    @inline(__always)
    public func lookup(_ ea: EffectiveAddress) -> (slot: Int, entry: SLBEntry)? {
        for (slot, entry) in entries.enumerated() where entry.matches(ea) {
            return (slot, entry)
        }
        return nil
    }

    // MARK: - Instructions

    /// `slbmte RS,RB`: stores the entry the operands encode. Returns the entry it replaced.
    @discardableResult
    public mutating func slbmte(rs: UInt64, rb: UInt64) -> Result<SLBEntry, SLBStoreError> {
        SLBEntry.decode(rs: rs, rb: rb, slotCount: slotCount).map { decoded in
            store(decoded.entry, at: decoded.slot)
        }
    }

    /// Stores `entry` in `slot` and returns the entry it replaced.
    @discardableResult
    public mutating func store(_ entry: SLBEntry, at slot: Int) -> SLBEntry {
        precondition(entries.indices.contains(slot), "SLB slot \(slot) does not exist")
        let old = entries[slot]
        entries[slot] = entry
        return old
    }

    /// `slbmfee`: the ESID word of `slot`.
    public func slbmfee(slot: Int) -> UInt64 { entries[slot].esidWord }

    /// `slbmfev`: the VSID word of `slot`.
    public func slbmfev(slot: Int) -> UInt64 { entries[slot].vsidWord }

    /// `slbie RB`: invalidates the entry for the segment in RB[0:35] whose size is RB[37:38].
    /// Returns the slot it invalidated, nil when none matched (not an error: slbie of an absent
    /// segment is a no-op).
    ///
    /// RB[36] (class) only selects which lookaside state the processor flushes with the entry;
    /// aixsim's translation cache is flushed for the segment whatever the class.
    @discardableResult
    public mutating func slbie(rb: UInt64) -> Int? {
        guard let size = SegmentSize(rawValue: (rb >> 25) & 0b11) else { return nil }
        let ea = EffectiveAddress(rb & size.esidMask)
        guard let slot = entries.firstIndex(where: { $0.segmentSize == size && $0.matches(ea) }) else {
            return nil
        }
        entries[slot] = .invalid
        return slot
    }

    /// `slbie` for the 256 MB segment containing `ea`.
    @discardableResult
    public mutating func slbie(_ ea: EffectiveAddress) -> Int? {
        slbie(rb: ea.rawValue & SegmentSize.megabytes256.esidMask)
    }

    /// `slbia`: invalidates every entry except entry 0.
    public mutating func slbia() {
        for slot in entries.indices.dropFirst() { entries[slot] = .invalid }
    }

    public var description: String {
        entries.enumerated().filter { $0.element.isValid }
            .map { "\($0.offset): \($0.element)" }.joined(separator: "\n")
    }
}
