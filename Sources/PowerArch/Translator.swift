/// The 64-bit hash MMU of one processor: SLB, hashed page table, AMR and translation cache, with
/// the one translation path that every access takes.
///
/// The SLB and page table are readable but change only through the methods here, each of which
/// drops the cached translations it could affect; that is what keeps the cache honest. The
/// instruction names (`slbmte`, `slbie`, `tlbie`…) are used where a method does what the
/// instruction does.
public struct Translator: Sendable {
    public private(set) var slb: SLB
    public private(set) var pageTable: HashedPageTable
    public private(set) var authorityMask: AuthorityMaskRegister
    public private(set) var cache: TranslationCache

    public init(
        pageTable: HashedPageTable,
        slb: SLB = SLB(),
        authorityMask: AuthorityMaskRegister = .permitAll,
        cacheCapacity: Int = TranslationCache.defaultCapacity
    ) {
        self.pageTable = pageTable
        self.slb = slb
        self.authorityMask = authorityMask
        self.cache = TranslationCache(capacity: cacheCapacity)
    }

    /// A translator with an empty SLB and an empty page table described by `sdr1`.
    public init(sdr1: SDR1) {
        self.init(pageTable: HashedPageTable(sdr1: sdr1))
    }

    // MARK: - Translating

    /// Translates `ea` for `access` in `state`, as the processor does: sets R on the PTE of any
    /// permitted access and C on a permitted store, and caches the result. A refused access
    /// changes nothing.
    public mutating func translate(
        ea: EffectiveAddress, access: AccessKind, state: ProcessorState
    ) -> Result<Translation, StorageInterrupt> {
        xlate(ea, access, state, .guestVisible)
    }

    /// The same translation without side effects: no R/C update, no cache use, no counters. For
    /// inspectors and debuggers, whose looking must not disturb what they look at.
    public func probe(
        ea: EffectiveAddress, access: AccessKind, state: ProcessorState
    ) -> Result<Translation, StorageInterrupt> {
        // The copy only satisfies `mutating`; with inspector visibility nothing is written, so no
        // storage is actually duplicated.
        var unchanged = self
        return unchanged.xlate(ea, access, state, .inspectorOnly)
    }

    private enum Visibility {
        /// An access the program performs: update R/C and the cache.
        case guestVisible
        /// A look from outside: read only.
        case inspectorOnly
    }

    private mutating func xlate(
        _ ea: EffectiveAddress, _ access: AccessKind, _ state: ProcessorState, _ visibility: Visibility
    ) -> Result<Translation, StorageInterrupt> {
        // 1. Real mode: no segments or pages; only the top four EA bits are dropped.
        guard state.translationMode(for: access) == .translated else {
            return .success(.realMode(ea))
        }

        // 2. The translation cache, for program accesses only. An entry counts only if the SLB
        //    slot, PTE and AMR it came from are unchanged.
        let key = TranslationCache.Key(ea, state.privilege)
        if visibility == .guestVisible,
           let hit = cache.lookup(key, granting: access.requiredRights, isCurrent: isCurrent)
        {
            return .success(Translation(
                effectiveAddress: ea, realAddress: hit.pageTableEntry.realPageAddress | ea.pageOffset,
                virtualAddress: hit.virtualPage.advanced(by: ea.pageOffset), authority: hit.authority,
                slbSlot: hit.slbSlot, pageTableEntry: hit.pageTableEntry, pteIndex: hit.pteIndex, source: .cache))
        }

        // 3. Look up the segment. A miss is a segment interrupt; the kernel reloads the SLB.
        guard let (slot, segment) = slb.lookup(ea) else {
            return .failure(.segmentMiss(at: ea, access: access))
        }

        // 4. A no-execute segment refuses fetches before the page table is even searched.
        if access == .instructionFetch && segment.flags.contains(.noExecute) {
            return .failure(.instructionStorage(srr0: ea, cause: .noExecute))
        }

        // 5. Hash the virtual page and search the primary PTEG, then the secondary. Segments with
        //    large base pages find nothing: aixsim maps 4 KB pages only.
        let virtualAddress = segment.virtualAddress(of: ea)
        guard segment.basePageShift == PageSize.shift,
              let (pteIndex, pte) = pageTable.lookup(virtualAddress)
        else {
            return .failure(.noTranslation(at: ea, access: access))
        }

        // 6. Check authority: PP under the segment key, the no-execute guards and the AMR, each
        //    source kept apart so a denial names its cause.
        let authority = AccessAuthority.of(
            page: pte, segment: segment, privilege: state.privilege, authorityMask: authorityMask)
        guard authority.permits(access) else {
            return .failure(.denied(at: ea, access: access, authority: authority))
        }

        // 7. Record the access: R on every permitted access, C on a permitted store.
        var current = pte
        if visibility == .guestVisible {
            current = pageTable.update(at: pteIndex) { entry in
                entry.setReferenced()
                if access == .store { entry.setChanged() }
            } ?? pte
        }

        // 8. Form the real address and remember the translation.
        let translation = Translation(
            effectiveAddress: ea, realAddress: current.realPageAddress | ea.pageOffset,
            virtualAddress: virtualAddress, authority: authority, slbSlot: slot,
            pageTableEntry: current, pteIndex: pteIndex, source: .pageTable)
        if visibility == .guestVisible {
            var fast = authority.granted
            if !current.isChanged { fast.remove(.write) }
            cache.fill(key, TranslationCache.Entry(
                slbSlot: slot, segment: segment, pteIndex: pteIndex, pageTableEntry: current,
                authorityMask: authorityMask, virtualPage: virtualAddress.pageBase, authority: authority,
                fastRights: fast))
        }
        return .success(translation)
    }

    /// Whether a cached entry still describes the live SLB slot, PTE and AMR exactly.
    private func isCurrent(_ cached: TranslationCache.Entry) -> Bool {
        slb[cached.slbSlot] == cached.segment
            && pageTable.entry(at: cached.pteIndex) == cached.pageTableEntry
            && authorityMask == cached.authorityMask
    }

    // MARK: - Segments

    /// `slbmte RS,RB`: stores a segment translation. Returns the entry it replaced.
    @discardableResult
    public mutating func slbmte(rs: UInt64, rb: UInt64) -> Result<SLBEntry, SLBStoreError> {
        let result = slb.slbmte(rs: rs, rb: rb)
        if case .success = result {
            let slot = Int(rb & SLBEntry.slotMask)
            cache.invalidate(slbSlot: slot)
            cache.invalidate(segment: slb[slot])
        }
        return result
    }

    /// Stores `entry` in SLB slot `slot`. Returns the entry it replaced.
    @discardableResult
    public mutating func storeSegment(_ entry: SLBEntry, at slot: Int) -> SLBEntry {
        cache.invalidate(slbSlot: slot)
        cache.invalidate(segment: entry)
        return slb.store(entry, at: slot)
    }

    /// `slbie RB`: drops one segment translation. Returns the slot it cleared.
    @discardableResult
    public mutating func slbie(rb: UInt64) -> Int? {
        let slot = slb.slbie(rb: rb)
        if let slot { cache.invalidate(slbSlot: slot) }
        return slot
    }

    /// `slbie` for the 256 MB segment holding `ea`.
    @discardableResult
    public mutating func slbie(_ ea: EffectiveAddress) -> Int? {
        slbie(rb: ea.rawValue & SegmentSize.megabytes256.esidMask)
    }

    /// `slbia`: drops every segment translation but entry 0, and all cached translations.
    public mutating func slbia() {
        slb.slbia()
        cache.invalidateAll()
    }

    // MARK: - Pages

    /// Enters `entry` for the page of `virtualAddress` (see `HashedPageTable.insert` for the
    /// replacement policy); returns where it went and what it displaced.
    public mutating func insert(
        _ entry: PageTableEntry, for virtualAddress: VirtualAddress
    ) -> Result<PTEInsertion, PageTableInsertError> {
        let result = pageTable.insert(entry, for: virtualAddress)
        if case .success(let insertion) = result {
            cache.invalidate(pteIndex: insertion.index)
            cache.invalidate(virtualPage: virtualAddress)
        }
        return result
    }

    /// Removes the PTE of the page of `virtualAddress` and its cached translations (PTE
    /// invalidation followed by tlbie). Returns the removed entry with its final R and C.
    @discardableResult
    public mutating func invalidatePage(_ virtualAddress: VirtualAddress) -> DisplacedEntry? {
        let removed = pageTable.invalidate(virtualAddress)
        if let removed { cache.invalidate(pteIndex: removed.index) }
        cache.invalidate(virtualPage: virtualAddress)
        return removed
    }

    /// Removes every PTE of segment `vsid` and its cached translations.
    @discardableResult
    public mutating func invalidateSegment(vsid: UInt64) -> [DisplacedEntry] {
        let removed = pageTable.invalidateAll(vsid: vsid)
        cache.invalidate(vsid: vsid)
        return removed
    }

    /// Changes the page protection of the page of `virtualAddress`. Returns the updated entry, nil
    /// if the page has none.
    @discardableResult
    public mutating func setProtection(_ protection: PageProtection, for virtualAddress: VirtualAddress) -> PageTableEntry? {
        updatePage(virtualAddress) { $0.setProtection(protection) }
    }

    /// Clears R and C of the page of `virtualAddress` and returns the entry as it was, so the
    /// caller reads the bits it cleared.
    @discardableResult
    public mutating func clearReferencedAndChanged(for virtualAddress: VirtualAddress) -> PageTableEntry? {
        let before = pageTable.lookup(virtualAddress)?.entry
        updatePage(virtualAddress) { $0.clearReferencedAndChanged() }
        return before
    }

    @discardableResult
    private mutating func updatePage(_ virtualAddress: VirtualAddress, _ change: (inout PageTableEntry) -> Void) -> PageTableEntry? {
        guard let (index, _) = pageTable.lookup(virtualAddress) else { return nil }
        cache.invalidate(pteIndex: index)
        return pageTable.update(at: index, change)
    }

    /// `tlbie`: drops cached translations of the page of `virtualAddress`, leaving the table alone.
    public mutating func tlbie(_ virtualAddress: VirtualAddress) {
        cache.invalidate(virtualPage: virtualAddress)
    }

    /// Drops every cached translation.
    public mutating func tlbia() {
        cache.invalidateAll()
    }

    // MARK: - Storage keys

    /// Writes the AMR. Cached rights depend on it, so they are dropped.
    public mutating func setAuthorityMask(_ amr: AuthorityMaskRegister) {
        authorityMask = amr
        cache.invalidateAll()
    }
}
