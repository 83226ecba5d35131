import Testing
@testable import PowerArch

@Suite("Page table entries")
struct PageTableEntryTests {
    // MARK: - §2.7 A

    @Test("§2.7 A: API 0xC, dw0 0x000123456789A601 primary and …A603 secondary")
    func dw0OfVectorA() {
        let va = VectorA.virtualAddress
        #expect(va.api == 0xC)
        #expect(va.avpn << 7 == 0x1_2345_6789_A600)
        let primary = PageTableEntry(mapping: va, to: VectorA.realPage, protection: .readWrite)
        let secondary = PageTableEntry(mapping: va, to: VectorA.realPage, protection: .readWrite, hash: .secondary)
        #expect(primary.dw0 == 0x0001_2345_6789_A601)
        #expect(secondary.dw0 == 0x0001_2345_6789_A603)
        #expect(PageTableEntry.searchWord(for: va, hash: .primary) == 0x0001_2345_6789_A601)
    }

    @Test("§2.7 A: dw1 with R, C, M and PP=10 is 0x0ABCD192 and the RA is 0x0ABCD210")
    func dw1OfVectorA() {
        var pte = PageTableEntry(mapping: VectorA.virtualAddress, to: VectorA.realPage, protection: .readWrite)
        pte.setReferenced()
        pte.setChanged()
        #expect(pte.dw1 == 0x0ABC_D192)
        #expect(pte == VectorA.pte)
        #expect(pte.realPageAddress | VectorA.ea.pageOffset == 0x0ABC_D210)
    }

    @Test("Decoding §2.7 A's PTE gives its fields back")
    func decodeVectorA() {
        let pte = VectorA.pte
        #expect(pte.isValid)
        #expect(pte.hashFunction == .primary)
        #expect(pte.segmentSize == .megabytes256)
        #expect(pte.avpn == VectorA.virtualAddress.avpn)
        #expect(pte.realPageAddress == 0x0ABC_D000)
        #expect(pte.protection == .readWrite)
        #expect(pte.attributes == [.memoryCoherence])
        #expect(pte.isReferenced && pte.isChanged)
        #expect(!pte.isNoExecute && !pte.isLarge)
        #expect(pte.storageKey == 0)
    }

    // MARK: - Field layout

    @Test("WIMG bits sit at dw1 0x40, 0x20, 0x10, 0x08", arguments: [
        (StorageAttributes.writeThrough, 0x40), (.cachingInhibited, 0x20), (.memoryCoherence, 0x10), (.guarded, 0x08),
    ] as [(StorageAttributes, UInt64)])
    func attributeBits(attribute: StorageAttributes, mask: UInt64) {
        let pte = PageTableEntry(mapping: VectorA.virtualAddress, to: 0, protection: .noAccessForKey1, attributes: attribute)
        #expect(pte.dw1 == mask)
        #expect(pte.attributes == attribute)
    }

    @Test("PP0 and PP go to dw1 bits 0 and 62:63", arguments: PageProtection.allCases)
    func protectionBits(protection: PageProtection) {
        let pte = PageTableEntry(mapping: VectorA.virtualAddress, to: 0, protection: protection, attributes: [])
        #expect(pte.dw1 == UInt64(protection.pp0) << 63 | UInt64(protection.pp))
        #expect(pte.protection == protection)
    }

    @Test("The five-bit storage key splits across dw1 bits 2:3 and 52:54", arguments: Array(UInt8(0)..<32))
    func storageKeyBits(key: UInt8) {
        let pte = PageTableEntry(mapping: VectorA.virtualAddress, to: 0, protection: .noAccessForKey1,
                                 attributes: [], storageKey: key)
        #expect(pte.dw1 == UInt64(key >> 3) << 60 | UInt64(key & 7) << 9)
        #expect(pte.storageKey == key)
    }

    @Test("§4: dw1 0x1000000000000A00 carries storage key 13")
    func storageKeyExample() {
        #expect(PageTableEntry(dw0: 0, dw1: 0x1000_0000_0000_0A00).storageKey == 13)
    }

    @Test("N, bolted and the search compare mask")
    func otherBits() {
        let va = VectorA.virtualAddress
        let pte = PageTableEntry(mapping: va, to: 0, protection: .readWrite, attributes: [], execution: .forbidden,
                                 software: .bolted)
        #expect(pte.dw1 == 0x6)
        #expect(pte.isNoExecute)
        #expect(pte.dw0 & PageTableEntry.DW0.software == 0x10)
        #expect(pte.software.contains(.bolted))
        // SW and L do not take part in the compare; H and V do.
        #expect(pte.matches(searchWord: PageTableEntry.searchWord(for: va, hash: .primary)))
        #expect(!pte.matches(searchWord: PageTableEntry.searchWord(for: va, hash: .secondary)))
        #expect(!pte.matches(searchWord: PageTableEntry.searchWord(for: va.advanced(by: 0x80_0000), hash: .primary)))
        #expect(PageTableEntry.DW0.compareMask == 0xFFFF_FFFF_FFFF_FF83)
    }

    @Test("Clearing R and C and changing PP leave the rest of dw1 alone")
    func updates() {
        var pte = VectorA.pte
        pte.clearReferencedAndChanged()
        #expect(pte.dw1 == 0x0ABC_D012)
        pte.setProtection(.readOnlyForKey0NoAccessForKey1)
        #expect(pte.dw1 == 0x8000_0000_0ABC_D012)
        #expect(pte.dw0 == VectorA.pte.dw0)
    }

    // MARK: - §2.7 B (32-bit)

    @Test("§2.7 B: classic w0 is 0x891A2B19 primary and 0x891A2B59 secondary")
    func classicWord0() {
        let register = SegmentRegister(vsid: 0x12_3456, supervisorKey: .key0, problemKey: .key1)
        let primary = ClassicPageTableEntry(mapping: 0x7654_3210, in: register, to: 0x0ABC_D000, protection: .readWrite)
        let secondary = ClassicPageTableEntry(mapping: 0x7654_3210, in: register, to: 0x0ABC_D000, protection: .readWrite,
                                              hash: .secondary)
        #expect(primary.word0 == 0x891A_2B19)
        #expect(secondary.word0 == 0x891A_2B59)
        #expect(primary.api == 0x19)
        #expect(primary.vsid == 0x12_3456)
        #expect(primary.word1 == 0x0ABC_D012)
        #expect(secondary.hashFunction == .secondary)
    }
}
