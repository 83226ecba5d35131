/// The hashed page table (HTAB): 2^(11+HTABSIZE) groups of eight PTEs, searched by hash.
///
/// A virtual page may live in one of two groups: the one its primary hash selects, or the one the
/// secondary hash (its complement) selects, with H = 1 recording which. The groups sit in one
/// contiguous, lazily committed region indexed by group number (`PTEGroupStorage`), so a search
/// reads the group in place; the groups in use are also kept as a set, for inspectors and copies,
/// since a simulated kernel touches a tiny fraction of a real-sized table.
///
/// Replacement policy: `insert` fills the first free slot of the primary group, then of the
/// secondary group. When both are full it evicts from the primary group, choosing slots
/// round-robin with a cursor per group so that repeated pressure on one group cycles through its
/// slots instead of thrashing slot 0. Bolted entries (`PageTableEntry.Software.bolted`) are never
/// chosen; if all eight primary entries are bolted, the secondary group is tried the same way, and
/// only if both are entirely bolted does the insert fail. The evicted entry is returned, R and C
/// included, so the VMM can account for the page it loses.
public struct HashedPageTable: Hashable, Sendable, CustomStringConvertible {
    public let sdr1: SDR1
    private var storage: PTEGroupStorage
    /// The groups holding at least one valid entry.
    private var usedGroups: Set<UInt64> = []
    /// The number of valid entries.
    public private(set) var validEntryCount = 0
    private var replacementCursor: [UInt64: Int] = [:]

    public init(sdr1: SDR1) {
        precondition(sdr1.isWellFormed, "\(sdr1) is not a usable page table")
        self.sdr1 = sdr1
        storage = PTEGroupStorage(groupCount: sdr1.ptegCount)
    }

    /// The number of groups holding at least one valid entry.
    public var groupsInUse: Int { usedGroups.count }

    /// Makes the storage this table's own before a write, so copies keep their entries.
    private mutating func makeStorageUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy(usedGroups: usedGroups) }
    }

    // MARK: - Reading

    /// PTEG `index`; groups never written read as eight empty slots.
    public func group(_ index: UInt64) -> PTEGroup {
        index < UInt64(storage.groupCount) ? storage.groups[Int(index)] : PTEGroup()
    }

    /// The PTE at `index`.
    public func entry(at index: PTEIndex) -> PageTableEntry {
        index.group < UInt64(storage.groupCount) ? storage.groups[Int(index.group)][index.slot] : .empty
    }

    /// The PTEG that `hash` selects for the page of `virtualAddress`.
    public func ptegIndex(of virtualAddress: VirtualAddress, hash: HashFunction) -> UInt64 {
        sdr1.ptegIndex(forHash: PageTableHash.hash(hash, primary: virtualAddress.primaryHash))
    }

    /// Scans the one group `hash` selects for the page of `virtualAddress`.
    public func searchGroup(for virtualAddress: VirtualAddress, hash: HashFunction) -> PTEIndex? {
        let groupIndex = ptegIndex(of: virtualAddress, hash: hash)
        let wanted = PageTableEntry.searchWord(for: virtualAddress, hash: hash)
        return group(groupIndex).search(wanted).map { PTEIndex(group: groupIndex, slot: $0) }
    }

    /// The full search: primary group, then secondary group. Each group is read once, in place.
    @inline(__always)
    public func lookup(_ virtualAddress: VirtualAddress) -> (index: PTEIndex, entry: PageTableEntry)? {
        search(virtualAddress, .primary) ?? search(virtualAddress, .secondary)
    }

    @inline(__always)
    private func search(_ virtualAddress: VirtualAddress, _ hash: HashFunction) -> (index: PTEIndex, entry: PageTableEntry)? {
        let groupIndex = sdr1.ptegIndex(forHash: PageTableHash.hash(hash, primary: virtualAddress.primaryHash))
        let wanted = PageTableEntry.searchWord(for: virtualAddress, hash: hash)
        // The eight PTEs read where they lie, stopping at the match, as `PTEGroup.search` scans
        // them (a copy of the 128-byte group first would cost more than the scan).
        return UnsafeMutableRawPointer(storage.groups + Int(groupIndex))
            .withMemoryRebound(to: PageTableEntry.self, capacity: PTEGroup.slotCount) { entries in
                for slot in 0..<PTEGroup.slotCount
                where entries[slot].matchesBasePage(searchWord: wanted) {
                    return (PTEIndex(group: groupIndex, slot: slot), entries[slot])
                }
                return nil
            }
    }

    /// Every valid entry, in table order: for inspectors.
    public var validEntries: [(index: PTEIndex, entry: PageTableEntry)] {
        usedGroups.sorted().flatMap { groupIndex in
            storage.groups[Int(groupIndex)].entries.enumerated().filter { $0.element.isValid }
                .map { (PTEIndex(group: groupIndex, slot: $0.offset), $0.element) }
        }
    }

    /// The page a valid entry at `index` maps.
    ///
    /// The AVPN omits the low 11 page-index bits; the group index supplies them, because every
    /// table has at least 2^11 groups and the hash is the page index XOR a function of the VSID.
    public func virtualAddress(ofEntryAt index: PTEIndex) -> VirtualAddress? {
        let pte = entry(at: index)
        guard pte.isValid, let size = pte.segmentSize else { return nil }
        let apiWidth = size.shift - VirtualAddress.avpnShift
        let vsid = pte.avpn >> apiWidth
        let api = pte.avpn & ((1 << apiWidth) - 1)
        let hash = PageTableHash.hash(pte.hashFunction, primary: index.group)
        let lowBits: UInt64 = (1 << 11) - 1
        let pageLow = (hash ^ PageTableHash.primary(vsid: vsid, pageIndex: 0, segmentSize: size)) & lowBits
        let pageIndex = api << 11 | pageLow
        return VirtualAddress(vsid: vsid, segmentOffset: pageIndex << PageSize.shift, segmentSize: size)
    }

    // MARK: - Inserting

    /// Places `entry`, which must map the page of `virtualAddress`, by the replacement policy
    /// described on the type. If the page already has an entry, that slot is reused (the old
    /// entry comes back as `remapped`), so a page never has two translations.
    public mutating func insert(
        _ entry: PageTableEntry, for virtualAddress: VirtualAddress
    ) -> Result<PTEInsertion, PageTableInsertError> {
        let primaryWord = PageTableEntry.searchWord(for: virtualAddress, hash: .primary)
        precondition((entry.dw0 & ~DW0.secondaryHash).matchesCompared(primaryWord),
                     "the entry does not map \(virtualAddress)")

        if let (index, existing) = lookup(virtualAddress) {
            let hash = existing.hashFunction
            let displaced = remove(at: index, reason: .remapped)
            write(entry, hash: hash, at: index)
            return .success(PTEInsertion(index: index, hash: hash, displaced: displaced))
        }
        let primary = ptegIndex(of: virtualAddress, hash: .primary)
        let secondary = ptegIndex(of: virtualAddress, hash: .secondary)
        // Two groups in a fixed order, without building an array per insert (one per first touch).
        let groups: InlineArray<2, (UInt64, HashFunction)> = [(primary, .primary), (secondary, .secondary)]
        for i in groups.indices {
            let (groupIndex, hash) = groups[i]
            if let slot = group(groupIndex).firstFreeSlot {
                let index = PTEIndex(group: groupIndex, slot: slot)
                write(entry, hash: hash, at: index)
                return .success(PTEInsertion(index: index, hash: hash, displaced: nil))
            }
        }
        for i in groups.indices {
            let (groupIndex, hash) = groups[i]
            if let slot = nextVictim(in: groupIndex) {
                let index = PTEIndex(group: groupIndex, slot: slot)
                let displaced = remove(at: index, reason: .evicted)
                write(entry, hash: hash, at: index)
                return .success(PTEInsertion(index: index, hash: hash, displaced: displaced))
            }
        }
        return .failure(.bothGroupsBolted(primary: primary, secondary: secondary))
    }

    /// The next unbolted slot of a full group at or after its cursor, advancing the cursor past it.
    private mutating func nextVictim(in groupIndex: UInt64) -> Int? {
        let start = replacementCursor[groupIndex, default: 0]
        let entries = group(groupIndex).entries
        for step in 0..<PTEGroup.slotCount {
            let slot = (start + step) % PTEGroup.slotCount
            if !entries[slot].software.contains(.bolted) {
                replacementCursor[groupIndex] = (slot + 1) % PTEGroup.slotCount
                return slot
            }
        }
        return nil
    }

    private mutating func write(_ entry: PageTableEntry, hash: HashFunction, at index: PTEIndex) {
        var placed = entry
        placed.dw0 = placed.dw0 & ~DW0.secondaryHash | hash.rawValue << 1
        makeStorageUnique()
        let slot = storage.groups + Int(index.group)
        if !slot.pointee[index.slot].isValid { validEntryCount += 1 }
        slot.pointee[index.slot] = placed
        usedGroups.insert(index.group)
    }

    // MARK: - Invalidating

    /// Removes the entry for the page of `virtualAddress`, if there is one.
    @discardableResult
    public mutating func invalidate(_ virtualAddress: VirtualAddress) -> DisplacedEntry? {
        lookup(virtualAddress).flatMap { remove(at: $0.index, reason: .invalidated) }
    }

    /// Removes the entry at `index`, if it is valid.
    @discardableResult
    public mutating func invalidate(at index: PTEIndex) -> DisplacedEntry? {
        remove(at: index, reason: .invalidated)
    }

    /// Removes every entry of segment `vsid`, as the VMM does when it deletes a segment.
    @discardableResult
    public mutating func invalidateAll(vsid: UInt64) -> [DisplacedEntry] {
        validEntries.filter { virtualAddress(ofEntryAt: $0.index)?.vsid == vsid }
            .compactMap { remove(at: $0.index, reason: .invalidated) }
    }

    private mutating func remove(at index: PTEIndex, reason: DisplacedEntry.Reason) -> DisplacedEntry? {
        guard let virtualAddress = virtualAddress(ofEntryAt: index) else { return nil }
        let old = entry(at: index)
        makeStorageUnique()
        let group = storage.groups + Int(index.group)
        group.pointee[index.slot] = .empty
        validEntryCount -= 1
        if group.pointee.isEmpty {
            usedGroups.remove(index.group)
            replacementCursor[index.group] = nil
        }
        return DisplacedEntry(index: index, entry: old, virtualAddress: virtualAddress, reason: reason)
    }

    // MARK: - Updating entries in place

    /// Applies `change` to the valid entry at `index` and returns the updated entry. The change
    /// may not alter which page the entry maps.
    @discardableResult
    public mutating func update(at index: PTEIndex, _ change: (inout PageTableEntry) -> Void) -> PageTableEntry? {
        // In place (R and C updates run on every miss).
        guard index.group < UInt64(storage.groupCount), storage.groups[Int(index.group)][index.slot].isValid
        else { return nil }
        makeStorageUnique()
        let group = storage.groups + Int(index.group)
        let before = group.pointee[index.slot].dw0
        change(&group.pointee[index.slot])
        let after = group.pointee[index.slot]
        precondition(after.dw0 == before, "an in-place update must keep dw0")
        return after
    }

    /// Sets R on the entry at `index`.
    public mutating func setReferenced(at index: PTEIndex) { update(at: index) { $0.setReferenced() } }
    /// Sets C on the entry at `index`.
    public mutating func setChanged(at index: PTEIndex) { update(at: index) { $0.setChanged() } }

    public var description: String {
        "\(sdr1), \(validEntryCount) valid PTEs in \(usedGroups.count) PTEGs"
    }

    /// Equal tables hold the same entries in the same slots and would evict the same slots next.
    public static func == (a: HashedPageTable, b: HashedPageTable) -> Bool {
        guard a.sdr1 == b.sdr1, a.usedGroups == b.usedGroups, a.replacementCursor == b.replacementCursor
        else { return false }
        return a.storage === b.storage
            || a.usedGroups.allSatisfy { a.storage.groups[Int($0)] == b.storage.groups[Int($0)] }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(sdr1)
        hasher.combine(usedGroups)
        hasher.combine(replacementCursor)
        for group in usedGroups.sorted() { hasher.combine(storage.groups[Int(group)]) }
    }

    private typealias DW0 = PageTableEntry.DW0
}

private extension UInt64 {
    func matchesCompared(_ searchWord: UInt64) -> Bool {
        (self ^ searchWord) & PageTableEntry.DW0.compareMask == 0
    }
}
