import CPageState
import PowerArch
import Testing
@testable import VMM

/// The fault guard asks the page-state table whether a fault may reach a kext's setjmpx
/// context; the VMM is the only one that sets what the table answers.
@Suite("VMM: which faults may be delivered to setjmpx")
struct FaultRulesTests {
    let owner = RegionOwner(rawValue: 0)

    func vmm() -> VirtualMemoryManager { VirtualMemoryManager(bytes: 16 << 20, pagingSpaceBytes: 16 << 20)! }

    func mayDeliver(_ h: VirtualMemoryManager, _ ea: EffectiveAddress) -> Bool {
        aixsim_vmm_may_deliver(h.map.hostAddress(of: ea)!.rawValue) != 0
    }

    @Test("A V_SYSTEM region and its guard page are never delivered, until freed")
    func systemRegions() throws {
        let h = vmm()
        let plain = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        let system = try h.allocate(flags: [.working, .system], size: 8192, owner: owner).get()
        #expect(mayDeliver(h, plain.start))
        #expect(!mayDeliver(h, system.start))
        #expect(!mayDeliver(h, system.start.advanced(by: 8191)))
        #expect(!mayDeliver(h, system.end), "the guard page after a V_SYSTEM region")
        _ = try h.free(start: system.start, size: 8192).get()
        #expect(mayDeliver(h, system.start))
        #expect(mayDeliver(h, system.end))
    }

    @Test("While page faults are not allowed nothing in the heap is delivered; the flag has one home")
    func faultsNotAllowed() throws {
        let h = vmm()
        let plain = try h.allocate(flags: .working, size: 4096, owner: owner).get()
        #expect(h.pageFaultsAllowed)
        #expect(h.setPageFaultsAllowed(false))
        #expect(!h.pageFaultsAllowed)
        #expect(aixsim_vmm_faults_allowed(h.pageStates) == 0)
        #expect(!mayDeliver(h, plain.start))
        #expect(!mayDeliver(h, h.map.eaBase), "free ranges of the heap too")
        #expect(h.setPageFaultsAllowed(true))
        #expect(h.pageFaultsAllowed && mayDeliver(h, plain.start))
    }

    @Test("Addresses outside every VMM are the guard's to deliver")
    func outside() {
        let h = vmm()
        #expect(aixsim_vmm_may_deliver(0x1000) != 0)
        #expect(aixsim_vmm_may_deliver(h.map.hostRange.upperBound.rawValue + (1 << 30)) != 0)
    }
}
