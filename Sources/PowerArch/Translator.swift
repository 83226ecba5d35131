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
        // 2. The translation cache, for program accesses only. (Real mode never fills it.)
        let key = TranslationCache.Key(ea, state.privilege)
        if state.translationMode(for: access) == .translated,
           let index = cache.hitSlot(key, granting: access.requiredRights)
        {
            let hit = cache.takeHit(index)
            assert(isCurrent(hit), "a cached translation outlived a change to its SLB slot, PTE or AMR")
            return .success(Translation(
                effectiveAddress: ea, realAddress: hit.pageTableEntry.realPageAddress | ea.pageOffset,
                virtualAddress: hit.virtualPage.advanced(by: ea.pageOffset), authority: hit.authority,
                slbSlot: hit.slbSlot, pageTableEntry: hit.pageTableEntry, pteIndex: hit.pteIndex, source: .cache))
        }
        switch resolveMiss(ea, access, state, key) {
        case .walked(let result):
            return result
        case .pageTable(let hit, let current):
            // 8. Form the real address from the updated PTE.
            return .success(Translation(
                effectiveAddress: ea, realAddress: current.realPageAddress | ea.pageOffset,
                virtualAddress: hit.virtualAddress, authority: hit.authority, slbSlot: hit.segment.slot,
                pageTableEntry: current, pteIndex: hit.index, source: .pageTable))
        }
    }

    /// What a cache miss came to: a page-table translation with its PTE as updated, or the full
    /// walk's own answer (a fault, or real mode).
    private enum Miss {
        case pageTable(PageTableHit, current: PageTableEntry)
        case walked(Result<Translation, StorageInterrupt>)
    }

    /// Steps 3–7 of a cache miss and the fill: shared by `translate` and `translateRealAddress`,
    /// which differ only in what they build from it.
    @inline(__always)
    private mutating func resolveMiss(
        _ ea: EffectiveAddress, _ access: AccessKind, _ state: ProcessorState, _ key: TranslationCache.Key
    ) -> Miss {
        cache.countMiss()

        let hit: PageTableHit
        if let quick = quickWalk(ea, access, state) {
            hit = quick
        } else {
            switch fullWalk(ea, access, state) {
            case .success(let walked): hit = walked
            case .failure(let answer): return .walked(answer.result)
            }
        }

        // 7. Record the access: R on every permitted access, C on a permitted store.
        //    Entries made from this PTE under another key (the other privilege, another segment
        //    mapping the page) hold its old R and C: drop them, since R and C are exact. A PTE
        //    whose bits already say so is left alone (the update would change nothing).
        let settled = hit.entry.isReferenced && (access != .store || hit.entry.isChanged)
        var current = hit.entry
        if !settled {
            current = recordAccess(access, at: hit.index) ?? hit.entry
            if current != hit.entry { cache.invalidate(pteIndex: hit.index) }
        }

        // 8. Remember the translation, from the updated PTE.
        let authority = hit.authority
        var fast = authority.granted
        if !current.isChanged { fast.remove(.write) }
        if let slot = hit.segment.slot {
            cache.fill(key, TranslationCache.Entry(
                slbSlot: slot, segment: hit.segment.entry, pteIndex: hit.index, pageTableEntry: current,
                authorityMask: authorityMask, virtualPage: hit.virtualAddress.pageBase, authority: authority,
                fastRights: fast))
        }
        return .pageTable(hit, current: current)
    }

    /// A fault, or a translation the quick search does not take (real mode): the full walk,
    /// which names the exact interrupt. Out of line: its walk record would otherwise widen the
    /// stack frame and crowd the registers of every miss.
    @inline(never)
    private func fullWalk(
        _ ea: EffectiveAddress, _ access: AccessKind, _ state: ProcessorState
    ) -> Result<PageTableHit, WalkAnswer> {
        let walk = walk(ea, access, state, reloading: nil)
        guard case .success(let walked) = walk.result, let found = walk.search?.found,
              let segment = walk.segment, let authority = walk.authority, let va = walked.virtualAddress
        else { return .failure(WalkAnswer(result: walk.result)) }
        return .success(PageTableHit(segment: segment, virtualAddress: va, index: found.index, entry: found.entry,
                                     authority: authority))
    }

    /// The full walk's own answer, when it is not a page-table translation to record.
    private struct WalkAnswer: Error {
        let result: Result<Translation, StorageInterrupt>
    }

    /// `translate` reduced to its answer, the real address: a cache hit reads one small tag record
    /// and builds nothing. A miss takes the same path, with the same R/C update and fill.
    @inline(__always)
    public mutating func translateRealAddress(
        ea: EffectiveAddress, access: AccessKind, state: ProcessorState
    ) -> Result<UInt64, StorageInterrupt> {
        if state.translationMode(for: access) == .translated,
           let real = cache.realAddress(ea, TranslationCache.Key(ea, state.privilege), granting: access.requiredRights)
        {
            return .success(real)
        }
        return realAddressAfterMiss(ea, access, state)
    }

    /// The miss half of `translateRealAddress`, kept out of line so that a hit neither sets up
    /// the miss path's stack frame nor saves its registers. It builds no `Translation` either:
    /// the real address comes from the PTE.
    @inline(never)
    private mutating func realAddressAfterMiss(
        _ ea: EffectiveAddress, _ access: AccessKind, _ state: ProcessorState
    ) -> Result<UInt64, StorageInterrupt> {
        switch resolveMiss(ea, access, state, TranslationCache.Key(ea, state.privilege)) {
        case .walked(let result): return result.map(\.realAddress)
        case .pageTable(_, let current): return .success(current.realPageAddress | ea.pageOffset)
        }
    }

    /// The same translation without side effects, every step kept: no R/C update, no cache use,
    /// no counters. For inspectors, crash reports and debuggers, whose looking must not disturb
    /// what they look at.
    public func probe(ea: EffectiveAddress, access: AccessKind, state: ProcessorState) -> TranslationWalk {
        walk(ea, access, state, reloading: nil)
    }

    /// The walk the retried access takes once the kernel's segment-fault handler has loaded
    /// `segment` for `ea`: for reports on addresses whose segment is not in the SLB right now.
    /// The SLB is searched first, so a loaded segment wins.
    public func probe(
        ea: EffectiveAddress, access: AccessKind, state: ProcessorState, reloading segment: SLBEntry
    ) -> TranslationWalk {
        walk(ea, access, state, reloading: segment)
    }

    /// Steps 1 and 3–6 and the real address of step 8: everything but the cache and R/C, which
    /// only `translate` touches.
    private func walk(
        _ ea: EffectiveAddress, _ access: AccessKind, _ state: ProcessorState, reloading reload: SLBEntry?
    ) -> TranslationWalk {
        var walk = TranslationWalk(effectiveAddress: ea, access: access, state: state)

        // 1. Real mode: no segments or pages; only the top four EA bits are dropped.
        walk.mode = state.translationMode(for: access)
        guard walk.mode == .translated else {
            walk.result = .success(.realMode(ea))
            return walk
        }

        // 3. Look up the segment. A miss is a segment interrupt; the kernel reloads the SLB.
        guard let segment = lookupSegment(ea, reloading: reload) else {
            walk.result = .failure(.segmentMiss(at: ea, access: access))
            return walk
        }
        walk.segment = segment

        // 4. A no-execute segment refuses fetches before the page table is even searched.
        if access == .instructionFetch && segment.entry.flags.contains(.noExecute) {
            walk.result = .failure(.instructionStorage(srr0: ea, cause: .noExecute))
            return walk
        }

        // 5. Hash the virtual page and search the primary PTEG, then the secondary. Segments with
        //    large base pages find nothing: aixsim maps 4 KB pages only.
        let virtualAddress = segment.entry.virtualAddress(of: ea)
        walk.virtualAddress = virtualAddress
        let search = searchPageTable(virtualAddress, basePageShift: segment.entry.basePageShift)
        walk.search = search
        guard let found = search.found else {
            walk.result = .failure(.noTranslation(at: ea, access: access))
            return walk
        }

        // 6. Check authority: PP under the segment key, the no-execute guards and the AMR, each
        //    source kept apart so a denial names its cause.
        let authority = AccessAuthority.of(
            page: found.entry, segment: segment.entry, privilege: state.privilege, authorityMask: authorityMask)
        walk.authority = authority
        guard authority.permits(access) else {
            walk.result = .failure(.denied(at: ea, access: access, authority: authority))
            return walk
        }

        // 8. The real address, from the PTE as it stands before any R/C update.
        walk.result = .success(Translation(
            effectiveAddress: ea, realAddress: found.entry.realPageAddress | ea.pageOffset,
            virtualAddress: virtualAddress, authority: authority, slbSlot: segment.slot,
            pageTableEntry: found.entry, pteIndex: found.index, source: .pageTable))
        return walk
    }

    /// What a successful page-table translation found, before R and C are recorded.
    private struct PageTableHit {
        let segment: TranslationWalk.SegmentLookup
        let virtualAddress: VirtualAddress
        let index: PTEIndex
        let entry: PageTableEntry
        let authority: AccessAuthority
    }

    /// Steps 3–6 for the common miss, recording no walk: the SLB, one search of the page
    /// table (no group indices kept for an inspector), the authority. Nil whenever any step
    /// would fail, or in real mode; `walk` then decides, and its answer is the same.
    @inline(__always)
    private func quickWalk(_ ea: EffectiveAddress, _ access: AccessKind, _ state: ProcessorState) -> PageTableHit? {
        guard state.translationMode(for: access) == .translated,
              let (slot, entry) = slb.lookup(ea),
              access != .instructionFetch || !entry.flags.contains(.noExecute),
              entry.basePageShift == PageSize.shift
        else { return nil }
        let virtualAddress = entry.virtualAddress(ofMatched: ea)
        guard let found = pageTable.lookup(virtualAddress) else { return nil }
        let authority = AccessAuthority.of(
            page: found.entry, segment: entry, privilege: state.privilege, authorityMask: authorityMask)
        guard authority.permits(access) else { return nil }
        return PageTableHit(segment: .init(slot: slot, entry: entry), virtualAddress: virtualAddress,
                            index: found.index, entry: found.entry, authority: authority)
    }

    /// Step 3: the SLB entry for `ea`'s ESID, else `reload` when it covers `ea`.
    private func lookupSegment(_ ea: EffectiveAddress, reloading reload: SLBEntry?) -> TranslationWalk.SegmentLookup? {
        if let (slot, entry) = slb.lookup(ea) { return .init(slot: slot, entry: entry) }
        guard let reload, reload.isValid, reload.matches(ea) else { return nil }
        return .init(slot: nil, entry: reload)
    }

    /// Step 5: both groups of the page's hashes, primary searched first.
    private func searchPageTable(_ va: VirtualAddress, basePageShift: UInt64?) -> TranslationWalk.PTEGSearch {
        let found = basePageShift == PageSize.shift ? pageTable.lookup(va) : nil
        return TranslationWalk.PTEGSearch(
            primaryHash: va.primaryHash,
            primaryGroup: pageTable.ptegIndex(of: va, hash: .primary),
            secondaryGroup: pageTable.ptegIndex(of: va, hash: .secondary),
            found: found.map { TranslationWalk.FoundEntry(index: $0.index, entry: $0.entry) })
    }

    /// Step 7: sets R, and C for a store, on the PTE at `index`; returns the updated entry.
    private mutating func recordAccess(_ access: AccessKind, at index: PTEIndex) -> PageTableEntry? {
        pageTable.update(at: index) { entry in
            entry.setReferenced()
            if access == .store { entry.setChanged() }
        }
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
