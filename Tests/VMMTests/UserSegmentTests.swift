import PowerArch
import Testing
@testable import VMM

/// The user process's data segment in the software MMU: its SLB entry comes and goes with the
/// context, its mapped pages get PP 10 PTEs on first touch, and an unmapped page or a missing
/// entry is the storage interrupt the copy services turn into EFAULT.
@Suite("VMM: the user process's data segment in the MMU")
struct UserSegmentTests {
    static let base = EffectiveAddress(0x0000_0001_1000_0000)

    func vmm() -> VirtualMemoryManager { VirtualMemoryManager(bytes: 16 << 20, pagingSpaceBytes: 16 << 20)! }
    /// The first two pages are the process's.
    static func mapped(_ ea: EffectiveAddress) -> Bool { ea.rawValue - base.rawValue < 2 * PageSize.bytes }

    @Test("Mapping puts ESID 0x11 in the SLB with the user VSID and Ks = Kp = 1; real frames lie past the page table")
    func mapping() throws {
        let v = vmm()
        let segment = v.mapUserSegment(pages: 16)
        #expect(segment.start == Self.base)
        let slot = try #require(v.translator.slb.entries.firstIndex { $0.isValid && $0.esid == 0x11 })
        let entry = v.translator.slb.entries[slot]
        #expect(entry.vsid == UserSegment.vsid && entry.vsid != GlobalSegments.firstVSID)
        #expect(entry.flags.contains(.ks) && entry.flags.contains(.kp))
        let sdr1 = v.translator.pageTable.sdr1
        #expect(segment.realBase >= sdr1.htabOrigin + (UInt64(1) << (18 + sdr1.htabSize)))
        #expect(v.userSegmentReachable)
    }

    @Test("A mapped page gets a PP 10 PTE on first touch, with R, and C on a store")
    func pageOnFirstTouch() throws {
        let v = vmm()
        v.mapUserSegment(pages: 16)
        #expect(v.userPageEntries.isEmpty, "no PTE before the first touch")
        let ea = Self.base.advanced(by: 0x1010)
        let t = try v.translateUser(ea, access: .load, state: .supervisor, isMapped: Self.mapped).get()
        #expect(t.realAddress == v.userSegment!.realBase + 0x1010)
        var pages = v.userPageEntries
        #expect(pages.map(\.page) == [1])
        #expect(pages.first?.entry.protection == .readWrite && pages.first?.entry.isReferenced == true)
        #expect(pages.first?.entry.isChanged == false)
        _ = try v.translateUser(ea, access: .store, state: .problem, isMapped: Self.mapped).get()
        pages = v.userPageEntries
        #expect(pages.first?.entry.isChanged == true)
    }

    @Test("A page the process has not mapped has no PTE: DSI, no translation")
    func unmappedPage() {
        let v = vmm()
        v.mapUserSegment(pages: 16)
        let ea = Self.base.advanced(by: 5 * PageSize.bytes)
        #expect(v.translateUser(ea, access: .store, state: .supervisor, isMapped: Self.mapped)
                == .failure(.dataStorage(dar: ea, dsisr: [.noTranslation, .store])))
        #expect(v.userPageEntries.isEmpty)
    }

    @Test("In the kernel's context the SLB has no entry for the user segment: a data segment interrupt; a copy window opens it")
    func kernelContext() throws {
        let v = vmm()
        v.mapUserSegment(pages: 16)
        v.setUserSegmentReachable(false)
        #expect(!v.translator.slb.entries.contains { $0.isValid && $0.esid == 0x11 })
        #expect(v.translateUser(Self.base, access: .load, state: .supervisor, isMapped: Self.mapped)
                == .failure(.dataSegment(dar: Self.base)))
        let inWindow = v.withUserSegment {
            v.translateUserRange(Self.base, count: 2 * Int(PageSize.bytes), access: .load, state: .supervisor,
                                 isMapped: Self.mapped)
        }
        #expect(inWindow == nil)
        #expect(!v.userSegmentReachable && !v.translator.slb.entries.contains { $0.isValid && $0.esid == 0x11 },
                "the window closes again")
        #expect(v.userPageEntries.map(\.page) == [0, 1])
    }

    @Test("A range running past the mapped pages stops at the first page without a PTE")
    func rangePastMapped() {
        let v = vmm()
        v.mapUserSegment(pages: 16)
        let start = Self.base.advanced(by: PageSize.bytes + 100)
        let stop = v.translateUserRange(start, count: Int(PageSize.bytes), access: .load, state: .supervisor,
                                        isMapped: Self.mapped)
        #expect(stop == .dataStorage(dar: Self.base.advanced(by: 2 * PageSize.bytes), dsisr: .noTranslation))
    }

    @Test("Unmapping removes the SLB entry and every PTE of the segment")
    func unmapping() throws {
        let v = vmm()
        v.mapUserSegment(pages: 16)
        _ = try v.translateUser(Self.base, access: .load, state: .supervisor, isMapped: Self.mapped).get()
        v.unmapUserSegment()
        #expect(v.userSegment == nil && v.userPageEntries.isEmpty)
        #expect(!v.translator.slb.entries.contains { $0.isValid && $0.esid == 0x11 })
        #expect(!v.translator.pageTable.validEntries.contains { $0.entry.avpn == PageTableEntry(
            mapping: VirtualAddress(vsid: UserSegment.vsid, segmentOffset: 0), to: 0, protection: .readWrite).avpn })
    }
}
