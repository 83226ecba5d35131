import Testing
@testable import PowerArch

@Suite("Translator")
struct TranslatorTests {
    static func mapped(protection: PageProtection = .readWrite, flags: SLBEntry.Flags = [.kp]) -> Translator {
        var translator = VectorA.translator(flags: flags)
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: VectorA.realPage, protection: protection), for: va)
        return translator
    }

    // MARK: - The worked example end to end

    @Test("§2.7 A end to end: RA 0x0ABCD210, and the PTE ends as dw1 0x0ABCD192 after a load and a store")
    func vectorA() throws {
        var translator = Self.mapped()
        let load = try translator.translate(ea: VectorA.ea, access: .load, state: .problem).get()
        #expect(load.realAddress == 0x0ABC_D210)
        #expect(load.virtualAddress?.description == "0x123456789A6543210")
        #expect(load.slbSlot == 5)
        #expect(load.pteIndex?.rawValue == 0xEEC8)
        #expect(load.source == .pageTable)
        #expect(load.pageTableEntry?.dw1 == 0x0ABC_D112)  // R, not C
        _ = try translator.translate(ea: VectorA.ea, access: .store, state: .problem).get()
        #expect(translator.pageTable.lookup(VectorA.virtualAddress)?.entry == VectorA.pte)
    }

    @Test("An entry placed by the secondary hash translates too")
    func secondaryTranslation() throws {
        var translator = VectorA.translator()
        let va = VectorA.virtualAddress
        let table = translator.pageTable
        // Fill the primary group with other pages of segment VSID ^ k that hash to the same group.
        for k in 1...8 as ClosedRange<UInt64> {
            let other = VirtualAddress(vsid: VectorA.vsid ^ (k << 16), segmentOffset: va.segmentOffset)
            #expect(table.ptegIndex(of: other, hash: .primary) == table.ptegIndex(of: va, hash: .primary))
            _ = translator.insert(PageTableEntry(mapping: other, to: 0, protection: .readWrite), for: other)
        }
        let insertion = try translator.insert(
            PageTableEntry(mapping: va, to: VectorA.realPage, protection: .readWrite), for: va).get()
        #expect(insertion.hash == .secondary)
        #expect(insertion.index.group == 0x6226)
        #expect(translator.pageTable.entry(at: insertion.index).dw0 == 0x0001_2345_6789_A603)
        #expect(try translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).get().realAddress == 0x0ABC_D210)
    }

    // MARK: - Interrupts

    @Test("An SLB miss raises a segment interrupt carrying the address", arguments: AccessKind.allCases)
    func segmentMiss(access: AccessKind) {
        var translator = Self.mapped()
        let ea = EffectiveAddress(0x9000_0010)
        let expected: StorageInterrupt = access == .instructionFetch ? .instructionSegment(srr0: ea) : .dataSegment(dar: ea)
        #expect(translator.translate(ea: ea, access: access, state: .supervisor).failure == expected)
    }

    @Test("A page with no PTE raises DSI 0x40000000 / 0x42000000 or an ISI", arguments: AccessKind.allCases)
    func noPTE(access: AccessKind) {
        var translator = Self.mapped()
        let ea = VectorA.ea.advanced(by: 0x1000)
        let failure = translator.translate(ea: ea, access: access, state: .supervisor).failure
        #expect(failure == .noTranslation(at: ea, access: access))
        switch access {
        case .load: #expect(failure?.dsisr?.rawValue == 0x4000_0000)
        case .store: #expect(failure?.dsisr?.rawValue == 0x4200_0000)
        case .instructionFetch: #expect(failure == .instructionStorage(srr0: ea, cause: .noTranslation))
        }
    }

    @Test("A refused store sets neither R nor C")
    func refusedStoreChangesNothing() {
        var translator = Self.mapped(protection: .readOnly)
        let before = translator.pageTable
        #expect(translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).failure != nil)
        #expect(translator.pageTable == before)
    }

    @Test("Real mode maps EA to RA less the top four bits and needs no SLB")
    func realMode() throws {
        var translator = Translator(sdr1: VectorA.sdr1)
        let state = ProcessorState(privilege: .supervisor, instructionTranslation: .real, dataTranslation: .real)
        let translation = try translator.translate(ea: EffectiveAddress(0xC000_0000_0012_3456), access: .store, state: state).get()
        #expect(translation.realAddress == 0x12_3456)
        #expect(translation.source == .realMode)
        let dataOnly = ProcessorState(privilege: .supervisor, instructionTranslation: .translated, dataTranslation: .real)
        #expect(translator.translate(ea: EffectiveAddress(0x1000), access: .instructionFetch, state: dataOnly).failure
            == .instructionSegment(srr0: EffectiveAddress(0x1000)))
    }

    @Test("Segments with large base pages find no 4 KB PTE")
    func largePageSegment() {
        var translator = Translator(sdr1: VectorA.sdr1)
        translator.storeSegment(SLBEntry(esid: 7, vsid: VectorA.vsid, flags: [.large]), at: 0)
        let va = VirtualAddress(vsid: VectorA.vsid, segmentOffset: 0x654_3000)
        _ = translator.insert(PageTableEntry(mapping: va, to: 0, protection: .readWrite), for: va)
        #expect(translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).failure?.dsisr == .noTranslation)
    }

    // MARK: - Probe

    @Test("probe answers like translate but sets no R or C and leaves the cache alone")
    func probe() throws {
        let translator = Self.mapped()
        let before = translator
        let probed = try translator.probe(ea: VectorA.ea, access: .store, state: .problem).result.get()
        #expect(probed.realAddress == 0x0ABC_D210)
        #expect(probed.pageTableEntry?.isReferenced == false)
        #expect(translator.pageTable == before.pageTable)
        #expect(translator.cache == before.cache)
        #expect(translator.probe(ea: VectorA.ea.advanced(by: 0x1000), access: .load, state: .problem).result.failure?.dsisr
            == .noTranslation)
    }

    // MARK: - SLB instructions through the translator

    @Test("slbmte through the translator installs the §2.7 A segment")
    func slbmte() throws {
        var translator = Translator(sdr1: VectorA.sdr1)
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: VectorA.realPage, protection: .readWrite), for: va)
        #expect(translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).failure == .dataSegment(dar: VectorA.ea))
        _ = try translator.slbmte(rs: 0x0001_2345_6789_A400, rb: 0x7800_0005).get()
        #expect(try translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).get().realAddress == 0x0ABC_D210)
        #expect(translator.slbmte(rs: 0, rb: 0x0800_0040).failure == .slotOutOfRange(64))
    }

    @Test("slbia keeps the segment in entry 0 translating")
    func slbiaKeepsEntryZero() {
        var translator = Translator(sdr1: VectorA.sdr1)
        translator.storeSegment(SLBEntry(esid: 0, vsid: 1, flags: .kernel), at: 0)
        translator.storeSegment(VectorA.segment, at: 1)
        for (vsid, offset) in [(1, 0x1000), (VectorA.vsid, 0x654_3000)] as [(UInt64, UInt64)] {
            let va = VirtualAddress(vsid: vsid, segmentOffset: offset)
            _ = translator.insert(PageTableEntry(mapping: va, to: 0x2000, protection: .readWrite), for: va)
        }
        translator.slbia()
        #expect(translator.translate(ea: EffectiveAddress(0x1000), access: .load, state: .supervisor).success != nil)
        #expect(translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).failure == .dataSegment(dar: VectorA.ea))
    }
}
