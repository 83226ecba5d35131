import Testing
@testable import PowerArch

@Suite("Storage interrupts and DSISR")
struct StorageInterruptTests {
    @Test("DSISR bits are pinned to the architecture", arguments: [
        (DSISR.directStoreError, 0x8000_0000), (.noTranslation, 0x4000_0000), (.protection, 0x0800_0000),
        (.reservationAttribute, 0x0400_0000), (.store, 0x0200_0000), (.dabrMatch, 0x0040_0000),
        (.storageKey, 0x0020_0000), (.externalControl, 0x0010_0000),
    ] as [(DSISR, UInt32)])
    func dsisrBits(bit: DSISR, mask: UInt32) {
        #expect(bit.rawValue == mask)
    }

    @Test("ISI causes are pinned to SRR1 bits 33, 35, 36 and 42")
    func isiBits() {
        #expect(InstructionStorageCause.noTranslation.rawValue == 0x4000_0000)
        #expect(InstructionStorageCause.noExecute.rawValue == 0x1000_0000)
        #expect(InstructionStorageCause.protection.rawValue == 0x0800_0000)
        #expect(InstructionStorageCause.storageKey.rawValue == 0x0020_0000)
    }

    @Test("Common DSISR values of §5", arguments: [
        (AccessKind.load, 0x4000_0000), (.store, 0x4200_0000),
    ] as [(AccessKind, UInt32)])
    func noTranslationValues(access: AccessKind, dsisr: UInt32) {
        #expect(StorageInterrupt.noTranslation(at: EffectiveAddress(0), access: access).dsisr?.rawValue == dsisr)
    }

    @Test("Each missing right maps to the DSISR bit of the source that withheld it")
    func causeMapping() {
        let ppOnly = AccessAuthority(pageProtection: .readOnly)
        #expect(ppOnly.dsisr(for: .load) == [])
        #expect(ppOnly.dsisr(for: .store) == [.protection, .store])
        let amrOnly = AccessAuthority(pageProtection: .readWrite, authorityMask: [.write, .execute])
        #expect(amrOnly.dsisr(for: .load) == .storageKey)
        #expect(amrOnly.dsisr(for: .store) == [])
    }

    @Test("Vectors, addresses and reports")
    func descriptions() {
        let ea = EffectiveAddress(0xF100_0000_4000_2000)
        let dsi = StorageInterrupt.dataStorage(dar: ea, dsisr: [.protection, .store])
        #expect(dsi.vector == 0x300)
        #expect(dsi.address == ea)
        #expect(dsi.description == "DSI (0x300) DAR=0xF100000040002000 DSISR=0x0A000000 (protection, store)")
        #expect(StorageInterrupt.segmentMiss(at: ea, access: .load) == .dataSegment(dar: ea))
        #expect(StorageInterrupt.segmentMiss(at: ea, access: .instructionFetch) == .instructionSegment(srr0: ea))
        #expect(StorageInterrupt.dataSegment(dar: ea).vector == 0x380)
        #expect(StorageInterrupt.instructionStorage(srr0: ea, cause: .noExecute).vector == 0x400)
        #expect(StorageInterrupt.instructionSegment(srr0: ea).vector == 0x480)
        #expect(StorageInterrupt.dataSegment(dar: ea).dsisr == nil)
    }
}
