import Foundation
import PowerArch
import Testing
@testable import Kernel
@testable import VMM

/// Crash report fields with a closed set of values: typed in code, spelled as before in JSON.
@Suite("Crash report fields")
struct CrashFieldsTests {
    func json(_ crash: Crash) throws -> [String: Any] {
        let data = try JSONEncoder().encode(crash)
        return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func crash() -> Crash {
        var c = Crash(kind: .dsi, ea: EffectiveAddress(0x18), access: .load, dsisr: .noTranslation,
                      message: "m", explanation: "e", kext: "k", location: nil)
        c.environment = .interrupt
        c.priority = .INTTIMER
        c.phase = .initialize
        return c
    }

    @Test("environment, priority and phase keep their JSON spellings")
    func spellings() throws {
        let object = try json(Self.crash())
        #expect(object["environment"] as? String == "interrupt")
        #expect(object["priority"] as? String == "INTTIMER")
        #expect(object["phase"] as? String == "CFG_INIT")
        #expect(object["dsisr"] as? String == "0x40000000")
        #expect(object["fault"] == nil, "the classification is worded, not serialised")
    }

    @Test("A crash decodes back to the same typed fields")
    func roundTrip() throws {
        let decoded = try JSONDecoder().decode(Crash.self, from: JSONEncoder().encode(Self.crash()))
        #expect(decoded.environment == .interrupt && decoded.priority == .INTTIMER && decoded.phase == .initialize)
        #expect(decoded.dsisr == .noTranslation)
    }

    @Test("Run phases are spelled as the report's sections", arguments: RunPhase.allCases)
    func phaseSpelling(phase: RunPhase) {
        let expected: [RunPhase: String] = [.load: "load", .initialize: "CFG_INIT", .user: "user", .run: "run", .terminate: "CFG_TERM"]
        #expect(phase.rawValue == expected[phase])
    }

    @Test("MMUContext page state is typed, spelled as PageState's description in JSON, and reads back",
          arguments: [
            PageState(residency: .unallocated, referenced: false, changed: false, pinned: false),
            PageState(residency: .zeroFill, referenced: false, changed: false, pinned: false),
            PageState(residency: .resident, referenced: true, changed: true, pinned: true),
            PageState(residency: .pagedOut, referenced: false, changed: true, pinned: false),
          ])
    func pageStateSpelling(state: PageState) throws {
        let context = MMUContext(segment: nil, pte: nil, primaryPTEG: nil, secondaryPTEG: nil,
                                 pageState: state, regionPP: "00")
        let data = try JSONEncoder().encode(context)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["pageState"] as? String == state.description)
        #expect(try JSONDecoder().decode(MMUContext.self, from: data) == context)
    }

    @Test("An unknown page-state spelling does not decode")
    func badPageState() {
        #expect(PageState(spelling: "resident X") == nil)
        #expect(PageState(spelling: "") == nil)
        #expect(PageState(spelling: "paged-out C")?.changed == true)
    }
}

/// Native faults take their DSISR from the MMU walk.
@Suite("DSISR of native faults")
struct NativeFaultDSISRTests {
    static func translator(_ protection: PowerArch.PageProtection) -> (Translator, EffectiveAddress) {
        var t = Translator(sdr1: SDR1(rawValue: 0x0000_0000_0100_0004))
        let segment = SLBEntry(esid: 0x7, vsid: 0x1234, flags: [.kp])
        t.storeSegment(segment, at: 1)
        let ea = EffectiveAddress(0x7654_3210)
        let va = segment.virtualAddress(of: ea)
        _ = t.insert(PageTableEntry(mapping: va, to: 0x1000, protection: protection), for: va)
        return (t, ea)
    }

    @Test("A store with no PTE: no translation + store; a load: no translation")
    func noPTE() {
        let (t, ea) = Self.translator(.readWrite)
        let other = ea.advanced(by: 0x1000)
        #expect(Kernel.dsisr(of: t.probe(ea: other, access: .store, state: .supervisor)) == [.noTranslation, .store])
        #expect(Kernel.dsisr(of: t.probe(ea: other, access: .load, state: .supervisor)) == .noTranslation)
    }

    @Test("A store the page protection refuses: protection + store")
    func protection() {
        let (t, ea) = Self.translator(.readOnly)
        #expect(Kernel.dsisr(of: t.probe(ea: ea, access: .store, state: .supervisor)) == [.protection, .store])
    }

    @Test("No segment, or a page the walk would translate: the DSI of an absent page")
    func absentPage() {
        let (t, ea) = Self.translator(.readWrite)
        #expect(Kernel.dsisr(of: t.probe(ea: EffectiveAddress(0x9000_0000), access: .store, state: .supervisor))
            == [.noTranslation, .store])
        #expect(Kernel.dsisr(of: t.probe(ea: ea, access: .load, state: .supervisor)) == .noTranslation)
    }
}
