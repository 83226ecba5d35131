import Testing
@testable import PowerArch

@Suite("Translation cache")
struct TranslationCacheTests {
    // MARK: - Hits and misses

    @Test("A repeated load hits; the first store after loads misses to set C, then hits")
    func hitsAndMisses() throws {
        var translator = TranslatorTests.mapped()
        #expect(try translator.translate(ea: VectorA.ea, access: .load, state: .problem).get().source == .pageTable)
        #expect(try translator.translate(ea: VectorA.ea.advanced(by: 8), access: .load, state: .problem).get().source == .cache)
        #expect(translator.cache.hits == 1 && translator.cache.misses == 1)
        #expect(try translator.translate(ea: VectorA.ea, access: .store, state: .problem).get().source == .pageTable)
        #expect(translator.pageTable.lookup(VectorA.virtualAddress)?.entry.isChanged == true)
        let store = try translator.translate(ea: VectorA.ea, access: .store, state: .problem).get()
        #expect(store.source == .cache)
        #expect(store.realAddress == 0x0ABC_D210)
        #expect(translator.cache.hits == 2 && translator.cache.misses == 2)
    }

    @Test("Cached authority is per privilege: a supervisor hit never serves problem state")
    func privilegeTagged() throws {
        var translator = TranslatorTests.mapped(protection: .noAccessForKey1)
        _ = try translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).get()
        _ = try translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).get()
        #expect(translator.cache.hits == 1)
        #expect(translator.translate(ea: VectorA.ea, access: .load, state: .problem).failure?.dsisr == .protection)
    }

    @Test("tlbie makes the next access walk the table")
    func tlbie() throws {
        var translator = TranslatorTests.mapped()
        _ = translator.translate(ea: VectorA.ea, access: .load, state: .supervisor)
        translator.tlbie(VectorA.virtualAddress)
        #expect(translator.cache.count == 0)
        #expect(try translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).get().source == .pageTable)
    }

    @Test("A page evicts the one that shares its slot; with four slots pages 4 and 5 displace 0 and 1")
    func capacity() {
        var translator = Translator(pageTable: HashedPageTable(sdr1: VectorA.sdr1), cacheCapacity: 4)
        translator.storeSegment(VectorA.segment, at: 0)
        for page in 0..<6 as Range<UInt64> {
            let va = VirtualAddress(vsid: VectorA.vsid, segmentOffset: page << 12)
            _ = translator.insert(PageTableEntry(mapping: va, to: page << 12, protection: .readWrite), for: va)
            _ = translator.translate(ea: EffectiveAddress(0x7000_0000 + page << 12), access: .load, state: .supervisor)
        }
        #expect(translator.cache.count == 4)
        #expect(translator.cache.peek(.init(EffectiveAddress(0x7000_0000), .supervisor)) == nil)
        #expect(translator.cache.peek(.init(EffectiveAddress(0x7000_5000), .supervisor)) != nil)
    }

    @Test("Direct-mapped: conflicting pages evict each other, privileges do not, and a refill after a flush is clean")
    func directMappedConflicts() throws {
        var translator = Translator(pageTable: HashedPageTable(sdr1: VectorA.sdr1), cacheCapacity: 4)
        translator.storeSegment(VectorA.segment, at: 0)
        for page in [0, 4] as [UInt64] {
            let va = VirtualAddress(vsid: VectorA.vsid, segmentOffset: page << 12)
            _ = translator.insert(PageTableEntry(mapping: va, to: 0x10_0000 + page << 12, protection: .readWrite), for: va)
        }
        let page0 = EffectiveAddress(0x7000_0000), page4 = EffectiveAddress(0x7000_4000)
        _ = try translator.translate(ea: page0, access: .load, state: .supervisor).get()
        // Problem state uses the other half of the slots, so page 0 stays for both privileges.
        _ = try translator.translate(ea: page0, access: .load, state: .problem).get()
        #expect(translator.cache.count == 2 && translator.cache.conflictEvictions == 0)
        // Page 4 maps to page 0's supervisor slot and evicts it, and only it.
        _ = try translator.translate(ea: page4, access: .load, state: .supervisor).get()
        #expect(translator.cache.conflictEvictions == 1)
        #expect(translator.cache.peek(.init(page0, .supervisor)) == nil)
        #expect(translator.cache.peek(.init(page0, .problem)) != nil)
        #expect(try translator.translateRealAddress(ea: page4.advanced(by: 8), access: .load, state: .supervisor).get()
            == 0x10_4008)
        #expect(try translator.translate(ea: page0, access: .load, state: .supervisor).get().source == .pageTable)

        // A flush empties every slot at once, and nothing from before it answers afterwards.
        translator.tlbia()
        #expect(translator.cache.count == 0)
        #expect(translator.cache.peek(.init(page0, .problem)) == nil)
        #expect(try translator.translate(ea: page0, access: .load, state: .problem).get().source == .pageTable)
        #expect(try translator.translate(ea: page0, access: .load, state: .problem).get().source == .cache)
        #expect(translator.cache.count == 1)

        // Invalidating one page's PTE drops that page's entry and leaves its slot free.
        translator.invalidatePage(VirtualAddress(vsid: VectorA.vsid, segmentOffset: 0))
        #expect(translator.cache.count == 0)
        #expect(translator.translateRealAddress(ea: page0, access: .load, state: .problem).failure
            == .dataStorage(dar: page0, dsisr: .noTranslation))
    }

    @Test("A store under one privilege refreshes the other privilege's entry for the page, so R and C read exact")
    func otherPrivilegeSeesChange() throws {
        var translator = TranslatorTests.mapped()
        _ = try translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).get()
        _ = try translator.translate(ea: VectorA.ea, access: .store, state: .problem).get()
        let again = try translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).get()
        #expect(again.pageTableEntry?.isChanged == true)
    }

    // MARK: - Never stale

    /// A change that takes away the store authority a warmed cache holds, with what a store then
    /// raises.
    struct Revocation: Sendable, CustomTestStringConvertible {
        let name: String
        let revoke: @Sendable (inout Translator) -> Void
        let expected: StorageInterrupt
        var testDescription: String { name }
    }

    static let revocations: [Revocation] = [
        Revocation(name: "PP lowered to read-only", revoke: { $0.setProtection(.readOnly, for: VectorA.virtualAddress) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.protection, .store])),
        Revocation(name: "PTE invalidated", revoke: { $0.invalidatePage(VectorA.virtualAddress) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.noTranslation, .store])),
        Revocation(name: "segment's PTEs invalidated", revoke: { $0.invalidateSegment(vsid: VectorA.vsid) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.noTranslation, .store])),
        Revocation(name: "slbie", revoke: { $0.slbie(VectorA.ea) }, expected: .dataSegment(dar: VectorA.ea)),
        Revocation(name: "slbia", revoke: { $0.slbia() }, expected: .dataSegment(dar: VectorA.ea)),
        Revocation(name: "slbmte with Ks = 1 over the slot",
                   revoke: { _ = $0.slbmte(rs: VectorA.vsid << 12 | 0x800, rb: 0x7800_0005) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.protection, .store])),
        Revocation(name: "a Ks = 1 entry for the segment stored in an earlier slot",
                   revoke: { $0.storeSegment(SLBEntry(esid: 7, vsid: VectorA.vsid, flags: [.ks]), at: 0) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.protection, .store])),
        Revocation(name: "AMR denies stores to key 0",
                   revoke: { $0.setAuthorityMask(AuthorityMaskRegister.permitAll.denying(.write, toKey: 0)) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.storageKey, .store])),
        Revocation(name: "page remapped read-only",
                   revoke: { _ = $0.insert(PageTableEntry(mapping: VectorA.virtualAddress, to: 0, protection: .readOnly),
                                           for: VectorA.virtualAddress) },
                   expected: .dataStorage(dar: VectorA.ea, dsisr: [.protection, .store])),
    ]

    @Test("After a change that revokes authority, a cached store is refused", arguments: revocations)
    func neverStale(revocation: Revocation) throws {
        // Kp = 1 and PP 00: problem state has no access; supervisor (Ks = 0) may store.
        var translator = VectorA.translator(flags: [])
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: VectorA.realPage, protection: .noAccessForKey1), for: va)
        _ = try translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).get()
        #expect(try translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).get().source == .cache)
        revocation.revoke(&translator)
        #expect(translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).failure == revocation.expected)
    }

    @Test("Clearing C makes the next store go through the table and set it again")
    func clearedChangeBit() throws {
        var translator = TranslatorTests.mapped()
        _ = try translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).get()
        let sampled = translator.clearReferencedAndChanged(for: VectorA.virtualAddress)
        #expect(sampled?.isChanged == true && sampled?.isReferenced == true)
        #expect(try translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).get().source == .pageTable)
        let entry = translator.pageTable.lookup(VectorA.virtualAddress)?.entry
        #expect(entry?.isChanged == true && entry?.isReferenced == true)
    }

    @Test("A cache entry that no longer matches the live state is refused and counted")
    func staleEntryRefused() {
        var cache = TranslationCache(capacity: 2)
        let key = TranslationCache.Key(VectorA.ea, .supervisor)
        cache.fill(key, TranslationCache.Entry(
            slbSlot: 5, segment: VectorA.segment, pteIndex: PTEIndex(rawValue: 0xEEC8), pageTableEntry: VectorA.pte,
            authorityMask: .permitAll, virtualPage: VectorA.virtualAddress.pageBase,
            authority: AccessAuthority(pageProtection: .readWrite), fastRights: .readWrite))
        #expect(cache.lookup(key, granting: .write, isCurrent: { _ in false }) == nil)
        #expect(cache.staleRejections == 1 && cache.misses == 1 && cache.count == 0)
    }

    @Test("Over random operations, every cached answer equals a fresh table walk", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func randomModel(seed: UInt64) {
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var translator = Translator(pageTable: HashedPageTable(sdr1: SDR1(htabOrigin: 0, htabSize: 0)), cacheCapacity: 8)
        let segments: [SLBEntry.Flags] = [[], [.kp], [.ks, .kp], [.kp, .noExecute]]
        func va(_ page: Int) -> VirtualAddress { VirtualAddress(vsid: 0x77, segmentOffset: UInt64(page) << 12) }
        for _ in 0..<2000 {
            switch next(10) {
            case 0:
                translator.storeSegment(SLBEntry(esid: 3, vsid: 0x77, flags: segments[next(4)]), at: next(2))
            case 1:
                translator.slbie(EffectiveAddress(0x3000_0000))
            case 2:
                let page = next(6)
                _ = translator.insert(PageTableEntry(mapping: va(page), to: UInt64(page) << 12,
                                                     protection: PageProtection.allCases[next(8)]), for: va(page))
            case 3:
                translator.setProtection(PageProtection.allCases[next(8)], for: va(next(6)))
            case 4:
                translator.invalidatePage(va(next(6)))
            case 5:
                translator.clearReferencedAndChanged(for: va(next(6)))
            default:
                let ea = EffectiveAddress(0x3000_0000 + UInt64(next(6)) << 12 + UInt64(next(4096)))
                let access = AccessKind.allCases[next(3)]
                let processor = ProcessorState(privilege: Privilege.allCases[next(2)])
                let fresh = translator.probe(ea: ea, access: access, state: processor).result
                let actual = translator.translate(ea: ea, access: access, state: processor)
                switch (fresh, actual) {
                case (.success(let a), .success(let b)):
                    #expect(a.realAddress == b.realAddress && a.authority == b.authority)
                case (.failure(let a), .failure(let b)):
                    #expect(a == b)
                default:
                    Issue.record("probe \(fresh) but translate \(actual)")
                }
            }
        }
        #expect(translator.cache.hits > 0)
    }
}
