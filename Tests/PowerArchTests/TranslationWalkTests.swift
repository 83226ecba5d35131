import Testing
@testable import PowerArch

@Suite("TranslationWalk")
struct TranslationWalkTests {
    static func mapped(protection: PageProtection = .readWrite) -> Translator {
        TranslatorTests.mapped(protection: protection)
    }

    // MARK: - Steps

    @Test("A completed walk keeps every step of §2.7 A: segment, VA, both PTEGs, the PTE, authority, RA")
    func completedWalk() throws {
        let walk = Self.mapped().probe(ea: VectorA.ea, access: .load, state: .problem)
        #expect(walk.mode == .translated)
        #expect(walk.segment?.slot == VectorA.slot && walk.segment?.entry.vsid == VectorA.vsid)
        #expect(walk.virtualAddress == VectorA.virtualAddress)
        let search = try #require(walk.search)
        #expect(search.primaryGroup == 0xEEC8 >> 3)
        #expect(search.secondaryGroup != search.primaryGroup)
        #expect(search.found?.index.rawValue == 0xEEC8 && search.found?.hash == .primary)
        #expect(walk.authority?.permits(.load) == true)
        #expect(walk.realAddress == 0x0ABC_D210)
        #expect(walk.interrupt == nil)
    }

    @Test("An SLB miss stops the walk at step 3 with a segment interrupt")
    func segmentMissStops() {
        let ea = EffectiveAddress(0x9000_0010)
        let walk = Self.mapped().probe(ea: ea, access: .store, state: .supervisor)
        #expect(walk.segment == nil && walk.search == nil && walk.authority == nil)
        #expect(walk.interrupt == .dataSegment(dar: ea))
    }

    @Test("A reloaded segment is walked as the retry after a segment fault, with no SLB slot")
    func reloadedSegment() {
        var translator = Self.mapped()
        let segment = translator.slb[VectorA.slot]
        translator.slbia()
        #expect(translator.probe(ea: VectorA.ea, access: .load, state: .problem).interrupt == .dataSegment(dar: VectorA.ea))
        let walk = translator.probe(ea: VectorA.ea, access: .load, state: .problem, reloading: segment)
        #expect(walk.segment?.slot == nil && walk.segment?.entry == segment)
        #expect(walk.realAddress == 0x0ABC_D210)
    }

    @Test("A reload for another segment does not cover the address")
    func reloadOfOtherSegment() {
        let other = SLBEntry(esid: 0x8, vsid: 0x55, flags: [.kp])
        let ea = EffectiveAddress(0x9000_0010)
        let walk = Self.mapped().probe(ea: ea, access: .load, state: .supervisor, reloading: other)
        #expect(walk.segment == nil)
    }

    @Test("Real mode ends at step 1")
    func realModeWalk() {
        let state = ProcessorState(privilege: .supervisor, instructionTranslation: .real, dataTranslation: .real)
        let walk = Self.mapped().probe(ea: VectorA.ea, access: .load, state: state)
        #expect(walk.mode == .real && walk.segment == nil)
        #expect(walk.realAddress == VectorA.ea.rawValue & Translation.realModeMask)
    }

    // MARK: - DSISR from the walk

    @Test("No PTE: DSISR is no-translation, plus store for a store", arguments: [AccessKind.load, .store])
    func noTranslationDSISR(access: AccessKind) {
        let ea = VectorA.ea.advanced(by: 0x1000)
        let walk = Self.mapped().probe(ea: ea, access: access, state: .supervisor)
        #expect(walk.search?.isHit == false)
        #expect(walk.interrupt?.dsisr == (access == .store ? [.noTranslation, .store] : .noTranslation))
        #expect(walk.authority == nil, "no PTE, no authority decision")
    }

    @Test("Protection: a store to a read-only page is protection + store; the load of it passes")
    func protectionDSISR() {
        let translator = Self.mapped(protection: .readOnly)
        let store = translator.probe(ea: VectorA.ea, access: .store, state: .problem)
        #expect(store.search?.isHit == true)
        #expect(store.authority?.permits(.store) == false)
        #expect(store.interrupt?.dsisr == [.protection, .store])
        let load = translator.probe(ea: VectorA.ea, access: .load, state: .problem)
        #expect(load.interrupt == nil && load.realAddress == 0x0ABC_D210)
    }

    // MARK: - probe and translate agree

    @Test("probe's walk ends where translate does, for every PP × privilege × access",
          arguments: PageProtection.allCases, Privilege.allCases)
    func probeMatchesTranslate(protection: PageProtection, privilege: Privilege) {
        for access in AccessKind.allCases {
            for ea in [VectorA.ea, VectorA.ea.advanced(by: 0x1000), EffectiveAddress(0x9000_0010)] {
                var translator = Self.mapped(protection: protection)
                let state = ProcessorState(privilege: privilege)
                let walk = translator.probe(ea: ea, access: access, state: state)
                let outcome = translator.translate(ea: ea, access: access, state: state)
                switch (walk.result, outcome) {
                case (.success(let probed), .success(let translated)):
                    #expect(probed.realAddress == translated.realAddress)
                    #expect(probed.pteIndex == translated.pteIndex && probed.authority == translated.authority)
                    #expect(walk.search?.found?.index == translated.pteIndex)
                case (.failure(let probed), .failure(let translated)):
                    #expect(probed == translated)
                default:
                    Issue.record("probe \(walk.result) but translate \(outcome) for \(access) at \(ea)")
                }
            }
        }
    }

    @Test("probe shows the PTE before translate's R/C update; translate's result carries it after")
    func probeBeforeRecordingAccess() throws {
        var translator = Self.mapped()
        let walk = translator.probe(ea: VectorA.ea, access: .store, state: .problem)
        #expect(walk.search?.found?.entry.isChanged == false)
        let translated = try translator.translate(ea: VectorA.ea, access: .store, state: .problem).get()
        #expect(translated.pageTableEntry?.isChanged == true && translated.pageTableEntry?.isReferenced == true)
        #expect(translator.probe(ea: VectorA.ea, access: .load, state: .problem).search?.found?.entry.isChanged == true)
    }
}
