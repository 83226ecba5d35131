/// A small cache of completed translations, keyed by effective page and privilege, standing in for
/// the TLB and ERAT.
///
/// Direct-mapped and fixed-size, like the ERAT: the low bits of the effective page number choose
/// the one slot a page can occupy (problem state uses the other half of the slots, so the two
/// privileges of one page do not evict each other), a newer page evicts whatever held its slot,
/// and nothing is allocated after `init`. A hit compares one tag and one generation word and reads
/// the slot's small tag record; the full entry beside it is read only by `translate`'s complete
/// answer and the inspectors.
///
/// Correct by construction: the `Translator` drops entries on every event that can change a
/// translation (slbmte, slbie, slbia, tlbie, any PTE change, an AMR write), by scanning the tag
/// records for the slot, PTE or virtual page concerned; dropping everything bumps the generation
/// instead of touching every slot. Debug builds also re-check every hit against the live SLB slot,
/// PTE and AMR it was made from and stop on a mismatch, so a missed invalidation fails the tests
/// instead of granting stale authority. Rights are cached per privilege because the segment key
/// depends on MSR[PR].
///
/// A page whose C bit is still clear is cached without write authority, so the first store takes
/// the slow path and sets C.
public struct TranslationCache: Hashable, Sendable {
    /// What the cache is keyed by: the 4 KB effective page and MSR[PR].
    public struct Key: Hashable, Sendable {
        public let effectivePage: UInt64
        public let privilege: Privilege

        public init(_ ea: EffectiveAddress, _ privilege: Privilege) {
            effectivePage = ea.rawValue >> PageSize.shift
            self.privilege = privilege
        }

        /// Page and privilege in one word, never 0 for a real key because bit 0 is set.
        var tag: UInt64 { effectivePage << 2 | UInt64(privilege.rawValue) << 1 | 1 }
    }

    /// One cached translation, with the state it was derived from.
    public struct Entry: Hashable, Sendable {
        public let slbSlot: Int
        public let segment: SLBEntry
        public let pteIndex: PTEIndex
        public let pageTableEntry: PageTableEntry
        public let authorityMask: AuthorityMaskRegister
        /// The page's virtual address (first byte).
        public let virtualPage: VirtualAddress
        public let authority: AccessAuthority
        /// The rights a hit may grant without the slow path: `authority.granted`, less write
        /// while C is clear.
        public let fastRights: AccessRights
    }

    /// What an empty slot holds beside its cleared tag record; never answered as a translation.
    fileprivate static let vacantEntry = Entry(
        slbSlot: 0, segment: .invalid, pteIndex: PTEIndex(rawValue: 0), pageTableEntry: .empty,
        authorityMask: .permitAll, virtualPage: VirtualAddress(vsid: 0, segmentOffset: 0),
        authority: AccessAuthority(pageProtection: .none, executeGuard: .none, authorityMask: .none),
        fastRights: .none)

    /// What a hit reads: small, so a hit touches little memory.
    struct TagRecord: Hashable, Sendable {
        /// `Key.tag`; 0 for a slot never filled.
        var tag: UInt64 = 0
        /// The cache's generation when filled; an older one means dropped by `invalidateAll`.
        var generation: UInt32 = 0
        var slbSlot: UInt16 = 0
        var fastRights: AccessRights = .none
        /// The page's real address, which a hit adds the offset to.
        var realPage: UInt64 = 0
        // The PTE index and virtual page that targeted invalidations compare are read from the
        // entry beside the record, not copied here: a fill, on every miss, writes them once.
    }

    /// The number of slots, a power of two.
    public let capacity: Int
    private let slotMask: UInt64
    /// Added to the slot number of problem-state keys: half the slots apart.
    private let problemOffset: UInt64
    /// One slot: the tag record a hit reads first (its fields come first, within 24 bytes) and
    /// the full entry, which means something only while the record is live. Kept together so a
    /// fill makes one write, with one uniqueness check of one array, on every translation miss.
    struct Slot: Hashable, Sendable {
        var record = TagRecord()
        var entry = TranslationCache.vacantEntry
    }

    private var slots: ContiguousArray<Slot>
    /// Starts at 1 so that a never-filled slot (generation 0) is never current.
    private var generation: UInt32 = 1

    /// Valid entries.
    public private(set) var count = 0
    /// Lookups answered from the cache.
    public private(set) var hits = 0
    /// Lookups that had to walk the SLB and page table.
    public private(set) var misses = 0
    /// Hits refused because the entry no longer matched the SLB, table or AMR (also counted as misses).
    public private(set) var staleRejections = 0
    /// Entries dropped by invalidation.
    public private(set) var invalidations = 0
    /// Valid entries a fill evicted because another page maps to the same slot.
    public private(set) var conflictEvictions = 0

    /// The number of entries the POWER4 ERAT-sized cache holds by default.
    public static let defaultCapacity = 128

    /// A cache of `capacity` slots, rounded up to a power of two.
    public init(capacity: Int = TranslationCache.defaultCapacity) {
        precondition(capacity > 0, "a cache needs room for one entry")
        var slots = 1
        while slots < capacity { slots <<= 1 }
        self.capacity = slots
        slotMask = UInt64(slots - 1)
        problemOffset = UInt64(slots / 2)
        self.slots = ContiguousArray(repeating: Slot(), count: slots)
    }

    @inline(__always)
    private func slot(of key: Key) -> Int {
        Int((key.effectivePage &+ (key.privilege == .problem ? problemOffset : 0)) & slotMask)
    }

    @inline(__always)
    private func isLive(_ record: TagRecord) -> Bool { record.tag != 0 && record.generation == generation }

    /// The entry for `key`, without counting: for inspectors.
    public func peek(_ key: Key) -> Entry? {
        let index = slot(of: key)
        return isLive(slots[index].record) && slots[index].record.tag == key.tag ? slots[index].entry : nil
    }

    /// The entry for `key` if it grants `rights` and `isCurrent` confirms it still matches the
    /// live state; counts a hit or a miss.
    public mutating func lookup(_ key: Key, granting rights: AccessRights, isCurrent: (Entry) -> Bool) -> Entry? {
        guard let index = hitSlot(key, granting: rights) else {
            misses += 1
            return nil
        }
        let entry = slots[index].entry
        guard isCurrent(entry) else {
            staleRejections += 1
            misses += 1
            drop(index)
            return nil
        }
        hits += 1
        return entry
    }

    /// The slot answering `key` for `rights`, without counting.
    @inline(__always)
    func hitSlot(_ key: Key, granting rights: AccessRights) -> Int? {
        let index = slot(of: key)
        let record = slots[index].record
        guard record.tag == key.tag, record.generation == generation, record.fastRights.contains(rights) else {
            return nil
        }
        return index
    }

    /// The real address of `ea` if the cache grants `rights` on its page: the hit path of
    /// `Translator.translateRealAddress`, counted.
    @inline(__always)
    mutating func realAddress(_ ea: EffectiveAddress, _ key: Key, granting rights: AccessRights) -> UInt64? {
        guard let index = hitSlot(key, granting: rights) else { return nil }
        hits &+= 1
        return slots[index].record.realPage | ea.pageOffset
    }

    /// The full entry of a slot `hitSlot` returned, counted as a hit.
    mutating func takeHit(_ index: Int) -> Entry {
        hits += 1
        return slots[index].entry
    }

    mutating func countMiss() { misses &+= 1 }

    /// Caches a translation made by the slow path, evicting whatever held its slot.
    @inline(__always)
    mutating func fill(_ key: Key, _ entry: Entry) {
        let index = slot(of: key)
        if isLive(slots[index].record) {
            if slots[index].record.tag != key.tag { conflictEvictions &+= 1 }
        } else {
            count += 1
        }
        slots[index] = Slot(
            record: TagRecord(
                tag: key.tag, generation: generation, slbSlot: UInt16(truncatingIfNeeded: entry.slbSlot),
                fastRights: entry.fastRights, realPage: entry.pageTableEntry.realPageAddress),
            entry: entry)
    }

    // MARK: - Invalidation

    /// Drops everything (slbia, tlbia, AMR or mode changes) in one step: the generation moves on.
    public mutating func invalidateAll() {
        invalidations += count
        count = 0
        generation &+= 1
        if generation == 0 {
            // After 2^32 flushes, slots from the first generation could look current again.
            for index in slots.indices { slots[index].record = TagRecord() }
            generation = 1
        }
    }

    /// Drops entries made through SLB slot `slot` (slbie, or slbmte over a slot).
    public mutating func invalidate(slbSlot slot: Int) {
        let wanted = UInt16(truncatingIfNeeded: slot)
        invalidate { $0.record.slbSlot == wanted }
    }

    /// Drops entries for effective pages that `segment` translates: a new SLB entry may shadow the
    /// one an entry was made through, even in another slot.
    public mutating func invalidate(segment: SLBEntry) {
        guard segment.isValid else { return }
        invalidate { segment.matches(EffectiveAddress(($0.record.tag >> 2) << PageSize.shift)) }
    }

    /// Drops entries for the virtual page of `virtualAddress` (tlbie). The segment size is left
    /// out: two pages differing only in it are both dropped, which is merely cautious.
    public mutating func invalidate(virtualPage virtualAddress: VirtualAddress) {
        let vsid = virtualAddress.vsid, page = virtualAddress.pageIndex
        invalidate { $0.entry.virtualPage.vsid == vsid && $0.entry.virtualPage.pageIndex == page }
    }

    /// Drops entries made from the PTE at `index` (any PTE change).
    public mutating func invalidate(pteIndex index: PTEIndex) {
        let wanted = index.rawValue
        invalidate { $0.entry.pteIndex.rawValue == wanted }
    }

    /// Drops entries for every page of segment `vsid`.
    public mutating func invalidate(vsid: UInt64) {
        invalidate { $0.entry.virtualPage.vsid == vsid }
    }

    @inline(__always)
    private mutating func invalidate(where condition: (Slot) -> Bool) {
        guard count > 0 else { return }
        for index in slots.indices where isLive(slots[index].record) {
            if condition(slots[index]) {
                drop(index)
                invalidations += 1
            }
        }
    }

    private mutating func drop(_ index: Int) {
        slots[index] = Slot()
        count -= 1
    }
}
