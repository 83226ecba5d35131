/// A small cache of completed translations, keyed by effective page and privilege, standing in for
/// the TLB and ERAT.
///
/// Correct by construction, twice over. The `Translator` drops entries on every event that can
/// change a translation (slbmte, slbie, slbia, tlbie, any PTE change, an AMR write). And a hit is
/// only taken after the entry is checked against the live SLB slot, PTE and AMR it was made from,
/// so even a missed invalidation yields a miss, never stale authority. Rights are cached per
/// privilege because the segment key depends on MSR[PR].
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

    /// The most entries kept; the oldest goes first when full.
    public let capacity: Int
    private var entries: [Key: Entry] = [:]
    private var age: [Key] = []

    /// Lookups answered from the cache.
    public private(set) var hits = 0
    /// Lookups that had to walk the SLB and page table.
    public private(set) var misses = 0
    /// Hits refused because the entry no longer matched the SLB, table or AMR (also counted as misses).
    public private(set) var staleRejections = 0
    /// Entries dropped by invalidation.
    public private(set) var invalidations = 0

    /// The number of entries the POWER4 ERAT-sized cache holds by default.
    public static let defaultCapacity = 128

    public init(capacity: Int = TranslationCache.defaultCapacity) {
        precondition(capacity > 0, "a cache needs room for one entry")
        self.capacity = capacity
    }

    public var count: Int { entries.count }

    /// The entry for `key`, without counting: for inspectors.
    public func peek(_ key: Key) -> Entry? { entries[key] }

    /// The entry for `key` if it grants `rights` and `isCurrent` confirms it still matches the
    /// live state; counts a hit or a miss.
    public mutating func lookup(_ key: Key, granting rights: AccessRights, isCurrent: (Entry) -> Bool) -> Entry? {
        guard let entry = entries[key], entry.fastRights.contains(rights) else {
            misses += 1
            return nil
        }
        guard isCurrent(entry) else {
            staleRejections += 1
            misses += 1
            remove(key)
            return nil
        }
        hits += 1
        return entry
    }

    /// Caches a translation made by the slow path.
    mutating func fill(_ key: Key, _ entry: Entry) {
        if entries.updateValue(entry, forKey: key) == nil {
            age.append(key)
        }
        if age.count > capacity {
            entries[age.removeFirst()] = nil
        }
    }

    // MARK: - Invalidation

    /// Drops everything (slbia, tlbia, AMR or mode changes).
    public mutating func invalidateAll() {
        invalidations += entries.count
        entries.removeAll()
        age.removeAll()
    }

    /// Drops entries made through SLB slot `slot` (slbie, or slbmte over a slot).
    public mutating func invalidate(slbSlot slot: Int) { invalidate { $0.slbSlot == slot } }

    /// Drops entries for effective pages that `segment` translates: a new SLB entry may shadow the
    /// one an entry was made through, even in another slot.
    public mutating func invalidate(segment: SLBEntry) {
        invalidate { key, _ in segment.matches(EffectiveAddress(key.effectivePage << PageSize.shift)) }
    }

    /// Drops entries for the virtual page of `virtualAddress` (tlbie).
    public mutating func invalidate(virtualPage virtualAddress: VirtualAddress) {
        let page = virtualAddress.pageBase
        invalidate { $0.virtualPage == page }
    }

    /// Drops entries made from the PTE at `index` (any PTE change).
    public mutating func invalidate(pteIndex index: PTEIndex) { invalidate { $0.pteIndex == index } }

    /// Drops entries for every page of segment `vsid`.
    public mutating func invalidate(vsid: UInt64) { invalidate { $0.virtualPage.vsid == vsid } }

    private mutating func invalidate(where condition: (Entry) -> Bool) {
        invalidate { _, entry in condition(entry) }
    }

    private mutating func invalidate(where condition: (Key, Entry) -> Bool) {
        for (key, entry) in entries where condition(key, entry) {
            remove(key)
            invalidations += 1
        }
    }

    private mutating func remove(_ key: Key) {
        entries[key] = nil
        age.removeAll { $0 == key }
    }
}
