import Testing
@testable import PowerArch

/// A user segment's keys (Ks = Kp = 1, as the POWER chapter gives user segments) against the
/// page protections AIX uses: the process's data pages (PP 10) are read/write in both states,
/// a kernel page (PP 00) reached through a user segment refuses even the kernel.
@Suite("PowerArch: user segment keys")
struct UserSegmentKeyTests {
    static let ea = EffectiveAddress(0x0000_0001_1000_2000)

    func translator(pp: PageProtection) -> Translator {
        var t = Translator(sdr1: SDR1(htabOrigin: 0x40_0000, htabSize: 0))
        let entry = SLBEntry(esid: 0x11, vsid: 0x4_0011, flags: .user)
        _ = t.storeSegment(entry, at: 3)
        let va = entry.virtualAddress(of: Self.ea)
        _ = t.insert(PageTableEntry(mapping: va.pageBase, to: 0x80_0000, protection: pp), for: va)
        return t
    }

    @Test("SLBEntry.Flags.user sets Ks, Kp and the class: key 1 in supervisor and problem state")
    func userKeys() {
        let entry = SLBEntry(esid: 0x11, vsid: 0x4_0011, flags: .user)
        #expect(entry.key(for: .supervisor) == .key1 && entry.key(for: .problem) == .key1)
        #expect(entry.flags.contains(.segmentClass))
        #expect(entry.slbmteOperands(slot: 3).rs & 0xC80 == 0xC80, "RS carries Ks, Kp and C")
    }

    @Test("PP 10 (UDATAKEY): loads and stores translate in both states, the store sets C")
    func dataPagesReadWrite() throws {
        var t = translator(pp: .readWrite)
        for state in [ProcessorState.supervisor, .problem] {
            let load = try t.translate(ea: Self.ea, access: .load, state: state).get()
            #expect(load.realAddress == 0x80_0000 | Self.ea.pageOffset)
            _ = try t.translate(ea: Self.ea, access: .store, state: state).get()
        }
        let pte = try #require(t.pageTable.validEntries.first?.entry)
        #expect(pte.isReferenced && pte.isChanged)
    }

    @Test("PP 00 through a user segment refuses the kernel as well: key 1 has no access")
    func kernelPageRefused() {
        var t = translator(pp: .noAccessForKey1)
        guard case .failure(.dataStorage(_, let dsisr)) = t.translate(ea: Self.ea, access: .load, state: .supervisor)
        else { Issue.record("expected a DSI"); return }
        #expect(dsisr.contains(.protection))
    }

    @Test("Without the SLB entry the user address is a data segment interrupt")
    func noEntry() {
        var t = translator(pp: .readWrite)
        _ = t.slbie(Self.ea)
        #expect(t.translate(ea: Self.ea, access: .load, state: .supervisor) == .failure(.dataSegment(dar: Self.ea)))
    }
}
