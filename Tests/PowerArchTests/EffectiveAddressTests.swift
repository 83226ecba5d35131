import Testing
@testable import PowerArch

@Suite("Effective addresses")
struct EffectiveAddressTests {
    @Test("ESID, segment offset and page offset split a 64-bit address")
    func fields() {
        let ea = EffectiveAddress(0xF100_0000_4000_1234)
        #expect(ea.esid == 0xF_1000_0004)
        #expect(ea.segmentOffset == 0x0000_1234)
        #expect(ea.pageOffset == 0x234)
        #expect(ea.description == "0xF100000040001234")
    }

    @Test("Page rounding", arguments: [(0, 0), (1, 4096), (4096, 4096), (4097, 8192)] as [(UInt64, UInt64)])
    func rounding(bytes: UInt64, rounded: UInt64) {
        #expect(PageSize.roundUp(bytes) == rounded)
    }
}
