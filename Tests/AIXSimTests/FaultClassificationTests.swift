import ExecutionEnvironment
import PowerArch
import Testing
@testable import Kernel
@testable import VMM

/// The fault classifier as a pure function, one case each, and the wording of each class.
@Suite("Fault classification")
struct FaultClassificationTests {
    static let region = GallocRegion(
        start: EffectiveAddress(0xF100_0000_4000_0000), size: 4096, flags: .working,
        owner: RegionOwner(rawValue: 0), sequence: 1)
    static let systemRegion = GallocRegion(
        start: EffectiveAddress(0xF100_0000_4000_0000), size: 4096, flags: [.working, .system],
        owner: RegionOwner(rawValue: 0), sequence: 2)

    func classify(_ relation: RegionRelation?, host: UInt = 0x7F00_0000_0000, mayPageFault: Bool = true,
                  source: InterruptSource? = nil, priority: InterruptPriority = .INTBASE) -> FaultClassification {
        FaultClassification.classify(hostAddress: host, relation: relation, mayPageFault: mayPageFault,
                                     source: source, priority: priority)
    }

    // MARK: - Classes

    @Test("Outside global memory below 64 KB is a NULL pointer")
    func nullPointer() {
        #expect(classify(nil, host: 0x18) == .nullPointer)
        #expect(classify(nil, host: 0xFFFF) == .nullPointer)
    }

    @Test("Outside global memory elsewhere is a wild pointer")
    func wildPointer() {
        #expect(classify(nil, host: 0x10000) == .wildPointer)
        #expect(classify(nil) == .wildPointer)
    }

    @Test("Inside a live region where page faults may be taken: the page was withdrawn behind the VMM")
    func insideLive() {
        #expect(classify(.inside(Self.region)) == .insideLiveRegion(Self.region))
    }

    @Test("Inside a live region at interrupt level or disabled: unpinned at raised priority, with the level")
    func unpinned() {
        let timer = InterruptSource.timer(handler: "tick")
        #expect(classify(.inside(Self.region), mayPageFault: false, source: timer, priority: .INTTIMER)
            == .unpinnedAtRaisedPriority(Self.region, source: timer, priority: .INTTIMER))
        #expect(classify(.inside(Self.region), mayPageFault: false, priority: .INTMAX)
            == .unpinnedAtRaisedPriority(Self.region, source: nil, priority: .INTMAX))
    }

    @Test("Inside a freed region is use after free, even at raised priority")
    func useAfterFree() {
        let freed = FreedRegion(region: Self.region, freeSequence: 1)
        #expect(classify(.insideFreed(freed)) == .useAfterFree(Self.region))
        #expect(classify(.insideFreed(freed), mayPageFault: false, priority: .INTMAX) == .useAfterFree(Self.region))
    }

    @Test("Past the end is an overrun, counted from the last byte")
    func overrun() {
        #expect(classify(.nearest(Self.region, distance: 1)) == .overrun(Self.region, distance: 1))
        #expect(classify(.nearest(Self.region, distance: 17)) == .overrun(Self.region, distance: 17))
    }

    @Test("In front of the start is an underrun, with a positive distance")
    func underrun() {
        #expect(classify(.nearest(Self.region, distance: -4)) == .underrun(Self.region, distance: 4))
        #expect(classify(.nearest(Self.region, distance: 0)) == .underrun(Self.region, distance: 0))
    }

    @Test("Global memory with nothing near is the unallocated heap")
    func unallocated() {
        #expect(classify(RegionRelation.none) == .unallocatedHeap)
    }

    @Test("The V_SYSTEM rule holds for live and neighbouring regions, not freed ones")
    func systemArea() {
        #expect(FaultClassification.overrun(Self.systemRegion, distance: 1).isSystemArea)
        #expect(FaultClassification.insideLiveRegion(Self.systemRegion).isSystemArea)
        #expect(!FaultClassification.useAfterFree(Self.systemRegion).isSystemArea)
        #expect(!FaultClassification.overrun(Self.region, distance: 1).isSystemArea)
    }

    // MARK: - Wording

    func words(_ fault: FaultClassification, access: Crash.Access = .store, service: String? = nil) -> FaultWording {
        FaultWording(fault: fault, access: access, address: EffectiveAddress(0xF100_0000_4000_1000),
                     dsisr: [.noTranslation, .store], kext: "k", service: service, mmu: nil, xmallocContext: "")
    }

    @Test("Overrun wording names the distance and the region")
    func overrunWords() {
        #expect(words(.overrun(Self.region, distance: 1)).message
            == "DSI: store to 0xF100000040001000, at the first byte past the end of the 4 KB region at 0xF100000040000000")
        #expect(words(.overrun(Self.region, distance: 3)).message.hasSuffix(", 2 bytes past the end of the 4 KB region at 0xF100000040000000"))
        #expect(words(.underrun(Self.region, distance: 1)).message.contains(", 1 byte before the start"))
    }

    @Test("Explanations end with the V_SYSTEM rule or the setjmpx rule")
    func explanationEnding() {
        #expect(words(.overrun(Self.systemRegion, distance: 1)).explanation.hasSuffix("always a system crash."))
        #expect(words(.unallocatedHeap).explanation.hasSuffix("AIX halts: a system crash."))
        #expect(words(.unallocatedHeap).explanation.contains("DSISR 0x42000000 (no translation, store)"))
    }

    @Test("A service's fault names the service and the kext that called it")
    func serviceWords() {
        #expect(words(.wildPointer, access: .load, service: "uiomove").explanation
            .hasPrefix("uiomove, called by k, made a load at an address no kernel service handed out: a wild"))
    }

    @Test("A store into a services table says whose table, and is no global-memory fault")
    func servicesTableWords() {
        let mine = KextID(rawValue: 0), other = KextID(rawValue: 1)
        var own = words(.servicesTable(owner: mine))
        own.faultingKext = mine
        #expect(own.message == "DSI: store to 0xF100000040001000, in its kernel-services table")
        #expect(own.explanation.hasPrefix("k made a store into its kernel-services table"))
        var foreign = words(.servicesTable(owner: other))
        foreign.faultingKext = mine
        foreign.ownerName = "driver"
        #expect(foreign.message.hasSuffix("in driver's kernel-services table"))
        #expect(!FaultClassification.servicesTable(owner: mine).isInGlobalMemory)
        #expect(FaultClassification.servicesTable(owner: mine).region == nil)
    }

    @Test("The unpinned wording gives the interrupt level or the disabled priority")
    func unpinnedWords() {
        let timer = InterruptSource.timer(handler: "tick")
        #expect(words(.unpinnedAtRaisedPriority(Self.region, source: nil, priority: .INTMAX)).message
            .hasPrefix("page fault with interrupts disabled to INTMAX: store to"))
        #expect(words(.unpinnedAtRaisedPriority(Self.region, source: timer, priority: .INTTIMER)).message
            .hasPrefix("page fault in the interrupt environment (\(timer)) at INTTIMER"))
    }
}
