/// One translation as the MMU performs it, every intermediate value kept: what `Translator.probe`
/// returns, and what `translate` builds on before it records R/C.
///
/// Inspectors and crash reports read their segment, PTEG and PTE details from here instead of
/// walking the tables again, so they can never disagree with the translation itself. A step the
/// walk did not reach is nil.
public struct TranslationWalk: Hashable, Sendable {
    public let effectiveAddress: EffectiveAddress
    public let access: AccessKind
    public let state: ProcessorState

    /// Step 1: MSR[IR]/MSR[DR] for the access.
    public internal(set) var mode: TranslationMode = .real
    /// Step 3: the segment that translated the ESID, or nil on an SLB miss.
    public internal(set) var segment: SegmentLookup?
    /// Step 5: VSID || segment offset.
    public internal(set) var virtualAddress: VirtualAddress?
    /// Step 5: the groups a search for the page looks in, and what it found.
    public internal(set) var search: PTEGSearch?
    /// Step 6: what the page grants at the access's privilege.
    public internal(set) var authority: AccessAuthority?
    /// The end of the walk: a translation, or the interrupt the access raises instead.
    public internal(set) var result: Result<Translation, StorageInterrupt>

    /// The SLB slot and entry that matched the ESID.
    public struct SegmentLookup: Hashable, Sendable {
        /// nil when the entry was supplied for a walk after a segment reload, not found in the SLB.
        public let slot: Int?
        public let entry: SLBEntry
    }

    /// The hashed page-table search for one virtual page.
    public struct PTEGSearch: Hashable, Sendable {
        /// Hash value of the primary hash function.
        public let primaryHash: UInt64
        public let primaryGroup: UInt64
        public let secondaryGroup: UInt64
        /// The PTE that matched, nil if neither group holds one.
        public let found: FoundEntry?

        /// Whether a PTE was found.
        public var isHit: Bool { found != nil }
    }

    /// A PTE the search matched, as it stood before this access.
    public struct FoundEntry: Hashable, Sendable {
        public let index: PTEIndex
        public let entry: PageTableEntry
        /// Which hash placed it.
        public var hash: HashFunction { entry.hashFunction }
    }

    init(effectiveAddress: EffectiveAddress, access: AccessKind, state: ProcessorState) {
        self.effectiveAddress = effectiveAddress
        self.access = access
        self.state = state
        // Overwritten by every walk; a walk that stops early says why in its own result.
        result = .failure(.segmentMiss(at: effectiveAddress, access: access))
    }

    /// The translation, if the access completed.
    public var translation: Translation? {
        if case .success(let t) = result { return t }
        return nil
    }

    /// The interrupt the access raises, if it does not complete.
    public var interrupt: StorageInterrupt? {
        if case .failure(let i) = result { return i }
        return nil
    }

    /// The real address the access goes to, if it completes.
    public var realAddress: UInt64? { translation?.realAddress }
}
