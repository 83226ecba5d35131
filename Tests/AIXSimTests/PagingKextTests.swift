import Foundation
import PowerArch
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader
@testable import VMM

/// Real C kexts touching demand-paged global memory: zero-fill, R/C, paging under a real-memory
/// bound, and the crash when a touch cannot be satisfied. Serialized: they share the process's
/// fault handler and page-state tables.
@Suite("Kexts on demand-paged global memory", .serialized)
struct PagingKextTests {
    @Test("Each page a kext touches is one zero-fill fault; a load first, then a store, adds a C update")
    func zeroFillCounts() throws {
        let report = Fixture.run("page_touch")
        #expect(report.outcome == .ok)
        let paging = try #require(report.paging)
        #expect(paging.faults.zeroFills == 8)
        #expect(paging.faults.pageIns == 0 && paging.faults.pageOuts == 0)
        #expect(paging.faults.changeFaults == 0, "page 0 was only loaded from, the others were stored to first")
        #expect(paging.framesInUse == 0, "vm_gfree returned the frames")
    }

    @Test("Pages stolen under --real-memory come back with their contents")
    func pagingRoundTrip() throws {
        let report = Fixture.run("paging_roundtrip", realMemory: 4 * 4096)
        #expect(report.outcome == .ok, "the kext found every byte it wrote")
        #expect(report.entry.`init` == 0)
        let faults = try #require(report.paging?.faults)
        #expect(faults.zeroFills == 32)
        #expect(faults.pageOuts >= 28 && faults.pageIns >= 28)
    }

    @Test("Without a real-memory bound nothing is paged out")
    func noPressure() throws {
        let report = Fixture.run("paging_roundtrip")
        #expect(report.outcome == .ok)
        #expect(report.paging?.faults.pageOuts == 0)
    }

    @Test("A touch that needs a frame when all real memory is pinned is a reported crash")
    func unsatisfiableTouch() throws {
        let report = Fixture.run("pin_exhaust", realMemory: 2 * 4096)
        #expect(report.outcome == .crash)
        let crash = try #require(report.crash)
        #expect(crash.kind == .pagingFailure)
        #expect(crash.ea == AddressMap.gallocHeapStart.advanced(by: 2 * 4096))
        #expect(crash.access == .store)
        #expect(crash.message.contains("every frame of real memory is pinned"))
        #expect(report.results(of: "pin") == [0])
    }

    @Test("Freed regions and guard pages still fault as DSIs under demand paging")
    func freedAndGuardStillFault() throws {
        for fixture in ["use_after_free", "overrun"] {
            let report = Fixture.run(fixture)
            #expect(report.outcome == .crash)
            #expect(report.crash?.kind == .dsi)
        }
    }

    @Test("--real-memory is accepted and shown in the report")
    func commandLine() throws {
        let result = try AIXSimCommand.run(["load", Fixture.path("paging_roundtrip"), "--entry",
                                            "paging_roundtrip_entry", "--real-memory", "16K"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("real memory: 16 KB"))
        #expect(result.stdout.contains("page-outs"))
    }

    @Test("--real-memory below one page and a malformed --translate are usage errors")
    func usage() throws {
        #expect(try AIXSimCommand.run(["load", "hello", "--real-memory", "0"]).status == 64)
        #expect(try AIXSimCommand.run(["load", "hello", "--inspect", "--translate", "zz"]).status == 64)
    }
}

@Suite("MMU inspector", .serialized)
struct InspectorTests {
    func inspect(_ addresses: [EffectiveAddress] = []) throws -> MMUInspection {
        var request = LoadRequest(kext: "hello")
        request.inspect = addresses
        return try #require(KextRun.run(request).inspection)
    }

    @Test("The SLB shows the heap's segments with Ks=0, Kp=1 and their slbmte operands")
    func slb() throws {
        let i = try inspect()
        #expect(i.slb.count == 4)
        #expect(i.slb[0].esid == "0xF10000004" && i.slb[0].vsid == "0x20000")
        #expect(i.slb[0].ks == 0 && i.slb[0].kp == 1)
        #expect(i.slb[0].rs == "0x20000400" && i.slb[0].rb == "0xF100000048000000")
    }

    @Test("A touched page translates step by step to its frame, with R/C and authority per key")
    func walkTouched() throws {
        let i = try inspect()
        let w = try #require(i.translations.first)
        #expect(w.ea == AddressMap.gallocHeapStart)
        #expect(w.vsid == "0x20000" && w.primaryPTEG == "0x0" && w.foundIn == "primary")
        #expect(w.pp == "00" && w.referenced == true && w.changed == true)
        #expect(w.supervisor == "read, write, execute" && w.user == "none")
        #expect(w.realAddress == "0x0", "the first frame of real memory")
        #expect(i.pageTable.validEntries == 1 && i.pageTable.secondaryEntries == 0)
        #expect(i.regions.first?.map == "C.", "hello wrote its first page and never touched the second")
    }

    @Test("An untouched page has no PTE: the walk stops at the page fault the VMM resolves")
    func walkUntouched() throws {
        let i = try inspect([AddressMap.gallocHeapStart.advanced(by: 4096)])
        let w = try #require(i.translations.first)
        #expect(w.ptex == nil)
        #expect(w.outcome.contains("zero-filling"))
    }

    @Test("--inspect --json carries the inspection")
    func json() throws {
        let r = try AIXSimCommand.run(["load", "hello", "--inspect", "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"inspection\"") && r.stdout.contains("\"primaryPTEG\""))
    }
}

@Suite("The pagetable sample", .serialized)
struct PageTableSampleTests {
    @Test("It walks zero-fill, R, C, pin, steal and page-in, and aixsim_pginfo reports each state")
    func story() throws {
        var request = LoadRequest(kext: "pagetable")
        request.kernel.realMemoryBytes = 32 << 10
        let report = KextRun.run(request)
        #expect(report.outcome == .ok)
        #expect(report.results(of: "aixsim_pginfo") == [0x01, 0x07, 0x0F, 0x17, 0x29, 0x17, 0x0F])
        let faults = try #require(report.paging?.faults)
        #expect(faults.zeroFills == 15 && faults.pageIns == 1 && faults.pageOuts > 0)
    }

    @Test("Without memory pressure nothing is stolen")
    func noPressure() throws {
        let report = KextRun.run(LoadRequest(kext: "pagetable"))
        #expect(report.outcome == .ok)
        #expect(report.results(of: "aixsim_pginfo")[4] == 0x0F, "page 0 is still resident with R and C")
    }
}

@Suite("DSI reports from the MMU", .serialized)
struct DSIMMUReportTests {
    @Test("An overrun's DSI names the segment, its keys, the PTEGs searched and the page state")
    func overrun() throws {
        let report = Fixture.run("overrun")
        let mmu = try #require(report.crash?.mmu)
        #expect(mmu.segment?.esid == "0xF10000004" && mmu.segment?.vsid == "0x20000")
        #expect(mmu.segment?.ks == 0 && mmu.segment?.kp == 1)
        #expect(mmu.pte == nil && mmu.primaryPTEG != nil && mmu.secondaryPTEG != nil)
        #expect(mmu.pageState?.residency == .unallocated)
        #expect(mmu.pageState?.description == "unallocated")
        #expect(report.crash?.explanation.contains("Ks=0 and Kp=1") == true)
    }

    @Test("A wild pointer outside global memory has no segment")
    func wild() throws {
        let report = Fixture.run("wild_load")
        #expect(report.crash?.kind == .dsi)
        #expect(report.crash?.mmu == nil)
    }
}

@Suite("vm_guatt and vm_gudet from a kext", .serialized)
struct GuattKextTests {
    @Test("Argument rules are EINVAL; one attachment and its detach succeed")
    func rules() throws {
        let report = Fixture.run("guatt")
        #expect(report.outcome == .ok)
        #expect(report.results(of: "vm_guatt") == [22, 22, 22, 22, 0, 22])
        #expect(report.results(of: "vm_gudet") == [0, 22])
        #expect(report.console.first == "uaddr 0x700000000000000\n", "the first user segment, at the region's offset in its segment")
        let attach = try #require(report.calls.first { $0.service == "vm_guatt" && $0.result == 0 })
        #expect(attach.detail?.contains("VM_UNPRIV: Ks=1 Kp=1") == true)
    }
}
