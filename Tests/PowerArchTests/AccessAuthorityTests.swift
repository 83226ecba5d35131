import Testing
@testable import PowerArch

@Suite("Access authority")
struct AccessAuthorityTests {
    /// The ISA table as the reference prints it, one string per code: key 0 then key 1, "rw", "r"
    /// or "-". Written out independently of `AccessAuthority.pageProtectionTable`.
    static let model: [UInt8: (String, String)] = [
        0b000: ("rw", "-"), 0b001: ("rw", "r"), 0b010: ("rw", "rw"), 0b011: ("r", "r"),
        0b110: ("r", "-"), 0b100: ("-", "-"), 0b101: ("-", "-"), 0b111: ("-", "-"),
    ]

    static func modelAllows(_ protection: PageProtection, _ key: ProtectionKey, _ access: AccessKind) -> Bool {
        let (key0, key1) = model[protection.rawValue]!
        let rights = key == .key0 ? key0 : key1
        switch access {
        case .load, .instructionFetch: return rights.contains("r")
        case .store: return rights.contains("w")
        }
    }

    // MARK: - PP × key

    @Test("PP × key × access follows the ISA table",
          arguments: PageProtection.allCases, ProtectionKey.allCases)
    func table(protection: PageProtection, key: ProtectionKey) {
        let rights = AccessAuthority.pageProtectionRights(protection, key: key)
        for access in AccessKind.allCases {
            #expect(rights.contains(access.requiredRights) == Self.modelAllows(protection, key, access),
                    "\(protection) \(key) \(access)")
        }
    }

    @Test("The packed PP rights equal the ISA table exactly, execute included, for every code and key",
          arguments: PageProtection.allCases, ProtectionKey.allCases)
    func packedRightsMatchTable(protection: PageProtection, key: ProtectionKey) {
        let table = AccessAuthority.pageProtectionTable[protection]
        #expect(table != nil, "\(protection) is missing from the table")
        #expect(AccessAuthority.pageProtectionRights(protection, key: key) == table?[key], "\(protection) \(key)")
    }

    @Test("The AIX kernel/user codes read as §9a says: 00 none, 01 r, 10 rw, 11 r for user key 1")
    func aixCodes() {
        #expect(AccessAuthority.pageProtectionRights(.noAccessForKey1, key: .key1) == .none)
        #expect(AccessAuthority.pageProtectionRights(.readOnlyForKey1, key: .key1) == .readOnly)
        #expect(AccessAuthority.pageProtectionRights(.readWrite, key: .key1) == .readWrite)
        #expect(AccessAuthority.pageProtectionRights(.readOnly, key: .key1) == .readOnly)
        for code in [PageProtection.noAccessForKey1, .readOnlyForKey1, .readWrite] {
            #expect(AccessAuthority.pageProtectionRights(code, key: .key0) == .readWrite)
        }
    }

    @Test("Every key × PP × load/store through translate gives the model's answer and DSISR",
          arguments: PageProtection.allCases, [Privilege.supervisor, .problem])
    func throughTranslate(protection: PageProtection, privilege: Privilege) {
        // Ks = 0, Kp = 1: supervisor uses key 0 and problem state key 1, as AIX runs.
        var translator = VectorA.translator(flags: [.kp])
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: VectorA.realPage, protection: protection), for: va)
        let key: ProtectionKey = privilege == .supervisor ? .key0 : .key1
        for access in [AccessKind.load, .store] {
            let result = translator.translate(ea: VectorA.ea, access: access, state: ProcessorState(privilege: privilege))
            if Self.modelAllows(protection, key, access) {
                #expect(result.success?.realAddress == 0x0ABC_D210)
            } else {
                let dsisr: DSISR = access == .store ? [.protection, .store] : .protection
                #expect(result.failure == .dataStorage(dar: VectorA.ea, dsisr: dsisr))
            }
        }
    }

    // MARK: - §3.4

    struct ProtectionVector: Sendable, CustomTestStringConvertible {
        let privilege: Privilege
        let protection: PageProtection
        let access: AccessKind
        let dsisr: UInt32?  // nil: the access succeeds
        var testDescription: String { "PR=\(privilege.rawValue) \(protection) \(access)" }
    }

    static let section34: [ProtectionVector] = [
        .init(privilege: .supervisor, protection: .noAccessForKey1, access: .store, dsisr: nil),
        .init(privilege: .problem, protection: .noAccessForKey1, access: .load, dsisr: 0x0800_0000),
        .init(privilege: .problem, protection: .readOnlyForKey1, access: .load, dsisr: nil),
        .init(privilege: .problem, protection: .readOnlyForKey1, access: .store, dsisr: 0x0A00_0000),
        .init(privilege: .supervisor, protection: .readOnly, access: .store, dsisr: 0x0A00_0000),
        .init(privilege: .problem, protection: .readWrite, access: .store, dsisr: nil),
        .init(privilege: .supervisor, protection: .readOnlyForKey0NoAccessForKey1, access: .load, dsisr: nil),
        .init(privilege: .supervisor, protection: .readOnlyForKey0NoAccessForKey1, access: .store, dsisr: 0x0A00_0000),
        .init(privilege: .problem, protection: .readOnlyForKey0NoAccessForKey1, access: .load, dsisr: 0x0800_0000),
    ]

    @Test("The protection vectors of §3.4", arguments: section34)
    func section34Vector(vector: ProtectionVector) {
        var translator = VectorA.translator(flags: [.kp])
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: VectorA.realPage, protection: vector.protection), for: va)
        let result = translator.translate(ea: VectorA.ea, access: vector.access, state: ProcessorState(privilege: vector.privilege))
        if let dsisr = vector.dsisr {
            #expect(result.failure?.dsisr?.rawValue == dsisr)
            #expect(result.failure?.address == VectorA.ea)
        } else {
            #expect(result.success != nil)
            if vector.access == .store {
                #expect(translator.pageTable.lookup(va)?.entry.isChanged == true)
            }
        }
    }

    // MARK: - No-execute

    @Test("Segment N and PTE N or G forbid fetching but not loads or stores", arguments: [
        (SLBEntry.Flags.noExecute, PageTableEntry.Execution.allowed, StorageAttributes.memory),
        ([], .forbidden, .memory),
        ([], .allowed, [.memoryCoherence, .guarded]),
    ] as [(SLBEntry.Flags, PageTableEntry.Execution, StorageAttributes)])
    func noExecute(segment: SLBEntry.Flags, execution: PageTableEntry.Execution, attributes: StorageAttributes) {
        let pte = PageTableEntry(mapping: VectorA.virtualAddress, to: 0, protection: .readWrite,
                                 attributes: attributes, execution: execution)
        #expect(AccessAuthority.executeGuardRights(segment: segment, page: pte) == [.read, .write])
        var translator = VectorA.translator(flags: segment)
        _ = translator.insert(pte, for: VectorA.virtualAddress)
        #expect(translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).success != nil)
        #expect(translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).success != nil)
        #expect(translator.translate(ea: VectorA.ea, access: .instructionFetch, state: .supervisor).failure
            == .instructionStorage(srr0: VectorA.ea, cause: .noExecute))
    }

    @Test("A no-execute segment refuses a fetch before the page table is searched")
    func segmentNoExecuteFirst() {
        var translator = VectorA.translator(flags: [.noExecute])
        #expect(translator.translate(ea: VectorA.ea, access: .instructionFetch, state: .supervisor).failure
            == .instructionStorage(srr0: VectorA.ea, cause: .noExecute))
    }

    @Test("Fetching needs read authority; without it the ISI says protection")
    func fetchNeedsRead() {
        var translator = VectorA.translator(flags: [.kp])
        _ = translator.insert(PageTableEntry(mapping: VectorA.virtualAddress, to: 0, protection: .noAccessForKey1),
                              for: VectorA.virtualAddress)
        #expect(translator.translate(ea: VectorA.ea, access: .instructionFetch, state: .problem).failure
            == .instructionStorage(srr0: VectorA.ea, cause: .protection))
        #expect(translator.translate(ea: VectorA.ea, access: .instructionFetch, state: .supervisor).success != nil)
    }

    @Test("A fetch failing both checks reports both causes")
    func fetchBothCauses() {
        let authority = AccessAuthority(pageProtection: .none, executeGuard: [.read, .write])
        #expect(authority.instructionStorageCause() == [.noExecute, .protection])
        #expect(authority.instructionStorageCause().rawValue == 0x1800_0000)
    }

    // MARK: - §4 AMR

    @Test("§4: denying stores to key 3 and all data access to key 7 is AMR 0x0203000000000000")
    func amrEncoding() {
        let amr = AuthorityMaskRegister.permitAll.denying(.write, toKey: 3).denying([.read, .write], toKey: 7)
        #expect(amr.rawValue == 0x0203_0000_0000_0000)
        #expect(amr.rights(forKey: 3) == [.read, .execute])
        #expect(amr.rights(forKey: 7) == [.execute])
        #expect(amr.rights(forKey: 0) == .readWrite)
    }

    @Test("The AMR pair of each key is bits 2k:2k+1", arguments: Array(UInt8(0)..<32))
    func amrPairs(key: UInt8) {
        let amr = AuthorityMaskRegister.permitAll.denying(.read, toKey: key)
        #expect(amr.rawValue == 1 << (62 - 2 * UInt64(key)))
        for other in UInt8(0)..<32 {
            #expect(amr.rights(forKey: other) == (other == key ? [.write, .execute] : .readWrite))
        }
    }

    @Test("§4: a store to a key-7 page with AMR pair 0b10 raises DSISR 0x02200000")
    func amrStore() {
        var translator = VectorA.translator()
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: VectorA.realPage, protection: .readWrite, storageKey: 7), for: va)
        translator.setAuthorityMask(AuthorityMaskRegister(rawValue: 0b10 << 48))
        #expect(translator.translate(ea: VectorA.ea, access: .load, state: .supervisor).success != nil)
        #expect(translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).failure?.dsisr?.rawValue
            == 0x0220_0000)
    }

    @Test("Failing PP and the AMR together sets protection, key and store")
    func amrAndPP() {
        var translator = VectorA.translator()
        let va = VectorA.virtualAddress
        _ = translator.insert(PageTableEntry(mapping: va, to: 0, protection: .readOnly, storageKey: 7), for: va)
        translator.setAuthorityMask(AuthorityMaskRegister.permitAll.denying(.write, toKey: 7))
        #expect(translator.translate(ea: VectorA.ea, access: .store, state: .supervisor).failure?.dsisr
            == [.protection, .storageKey, .store])
    }
}
