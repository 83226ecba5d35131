import Foundation
import PowerArch
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Real C kexts, compiled against aixsim's AIX headers and loaded: each outcome, each errno,
/// each fault class. Serialized: they share the process's fault-signal handlers.
@Suite("Loading and running C kexts", .serialized)
struct KextLoadTests {
    // MARK: - Ok

    @Test("The hello sample loads, runs CFG_INIT and CFG_TERM, and reports each call")
    func hello() throws {
        let report = KextRun.run(LoadRequest(kext: "hello"))
        #expect(report.outcome == .ok)
        #expect(report.outcome.exitStatus == 0)
        #expect(report.entry.`init` == 0 && report.entry.term == 0)
        #expect(report.calls.map(\.service) == ["vm_galloc", "printf", "vm_gfree"])
        let galloc = try #require(report.calls.first)
        #expect(galloc.arguments.map(\.value).prefix(2) == ["V_WORKING", "6000"])
        #expect(galloc.detail?.contains("0xF100000040000000") == true)
        #expect(report.calls.last?.arguments.first?.value == "0xF100000040000000",
                "vm_gfree's address is reported as an effective address")
        #expect(report.console.first?.contains("hello from global memory") == true)
    }

    @Test("--data reaches the entry point through a struct uio and uiomove")
    func data() {
        let report = Fixture.run("uio_echo", data: "speed=fast")
        #expect(report.outcome == .ok)
        #expect(report.console == ["data=speed=fast resid=0\n"])
        #expect(report.results(of: "uiomove") == [0])
        let none = Fixture.run("uio_echo")
        #expect(none.console == ["no data\n"], "uiop is NULL without --data")
    }

    @Test("A kext writes and reads every byte of its region, which starts zero-filled")
    func touchAll() {
        let report = Fixture.run("touch_all")
        #expect(report.outcome == .ok, "\(report.crash?.message ?? "") init=\(String(describing: report.entry.`init`))")
        #expect(report.console == ["touched 16384 bytes\n"])
    }

    @Test("printf output and service calls appear in the order the kext made them")
    func consoleOrder() {
        let report = Fixture.run("console_order")
        #expect(report.calls.map(\.service) == ["printf", "vm_galloc", "printf", "printf", "vm_gfree"])
        #expect(report.console == ["one 1\n", "two 2\n", "three\n"])
        #expect(report.calls.map(\.phase) == ["CFG_INIT", "CFG_INIT", "CFG_INIT", "CFG_TERM", "CFG_TERM"])
        #expect(report.calls.map(\.sequence) == [1, 2, 3, 4, 5])
    }

    @Test("libcsys string functions may be imported")
    func stringImports() {
        #expect(Fixture.run("imports_string").outcome == .ok)
    }

    // MARK: - vm_galloc / vm_gfree through a kext

    @Test("vm_galloc and vm_gfree return AIX's errnos for each bad argument")
    func gallocRules() {
        let report = Fixture.run("galloc_rules")
        #expect(report.outcome == .ok, "\(report.crash?.message ?? "") init=\(String(describing: report.entry.`init`))")
        let EINVAL: Int64 = 22
        #expect(report.results(of: "vm_galloc") == [EINVAL, EINVAL, EINVAL, EINVAL, 0, 0, 0, 0])
        #expect(report.results(of: "vm_gfree") == [EINVAL, EINVAL, 0, EINVAL, EINVAL, 0, 0, 0])
        let gallocs = report.calls.filter { $0.service == "vm_galloc" }
        #expect(gallocs[0].error == "EINVAL")
        #expect(gallocs[5].detail?.contains("PP 01") == true, "V_UREAD gives page protection 01")
        #expect(gallocs[4].detail?.contains("PP 00") == true)
        #expect(gallocs[6].detail?.contains("V_SYSTEM") == true)
        #expect(gallocs[1].arguments[0].value == "V_WORKING|0x2")
        // Each refusal says which of vm_galloc's reasons applied.
        #expect(gallocs[0].detail == "V_WORKING missing from type")
        #expect(gallocs[1].detail?.hasPrefix("unknown type bits 0x2 ") == true)
        #expect(gallocs[2].detail == "size 0 <= 0")
        #expect(gallocs[3].detail == "size -4096 <= 0")
    }

    @Test("uiomove(UIO_READ) out of never-written global memory is a finding; of written memory it is not")
    func uiomoveUnwrittenSource() throws {
        let report = Fixture.run("uio_wrong_way", data: "hello")
        #expect(report.findings.map(\.kind) == [.uiomoveUnwrittenSource])
        let finding = try #require(report.findings.first)
        #expect(finding.ea == EffectiveAddress(0xF100_0000_4000_0000) && finding.size == 2)
        #expect(finding.message.contains("uio_wrong_way.c:19"))
        #expect(report.results(of: "uiomove") == [0, 0], "a finding, not a refusal")
    }

    @Test("printf prints %p of a global-memory pointer as its effective address")
    func printfPointer() {
        let report = Fixture.run("printf_pointer")
        #expect(report.outcome == .ok)
        #expect(report.console.count == 3)
        #expect(report.console.first == "region 0xF100000040000000, +16 0xF100000040000010\n")
        // The field width is kept, %% stays literal, and printf returns what it printed.
        #expect(report.console.dropFirst().first == "[  0xF100000040000000] 100%p 7\n")
        #expect(report.results(of: "printf").first == Int64(report.console.first?.utf8.count ?? 0))
        #expect(report.console.last == "null (nil)\n", "a pointer outside global memory prints as the host has it")
    }

    @Test("ENOSPC when the galloc heap has no range large enough; the errno is named")
    func noSpace() {
        let report = Fixture.run("galloc_big", data: "128", gallocHeap: 64 << 20)
        #expect(report.outcome == .entryFailed)
        #expect(report.outcome.exitStatus == 2)
        #expect(report.entry.`init` == 28 && report.entry.initError == "ENOSPC")
        #expect(report.entry.term == nil, "AIX does not call CFG_TERM after a failed CFG_INIT")
        #expect(report.findings.isEmpty, "a failed vm_galloc leaves nothing allocated")
    }

    @Test("ENOMEM when the paging space cannot back the region")
    func noMemory() {
        let report = Fixture.run("galloc_big", data: "32", gallocHeap: 64 << 20, pagingSpace: 16 << 20)
        #expect(report.entry.`init` == 12 && report.entry.initError == "ENOMEM")
        #expect(report.findings.isEmpty)
        let fits = Fixture.run("galloc_big", data: "16", gallocHeap: 64 << 20, pagingSpace: 16 << 20)
        #expect(fits.outcome == .ok)
    }

    @Test("A region still held after CFG_TERM is a leak finding with its address and size")
    func leak() throws {
        let report = Fixture.run("leak")
        #expect(report.outcome == .findings && report.outcome.exitStatus == 4)
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.kind == .leak && finding.size == 12288 && finding.kext == "leak")
        #expect(finding.ea == EffectiveAddress(0xF100_0000_4000_0000))
    }

    @Test("CFG_INIT failing is entry-failed; CFG_TERM failing is a finding")
    func entryResults() {
        let i = Fixture.run("init_fails")
        #expect(i.outcome == .entryFailed && i.entry.initError == "EBUSY")
        let t = Fixture.run("term_fails")
        #expect(t.outcome == .findings && t.findings.map(\.kind) == [.termFailed])
    }

    // MARK: - Faults become DSIs

    @Test("A store into a region after vm_gfree is a DSI naming the freed region")
    func useAfterFree() throws {
        let report = Fixture.run("use_after_free")
        #expect(report.outcome == .crash && report.outcome.exitStatus == 3)
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi && crash.access == .store)
        #expect(crash.ea == EffectiveAddress(0xF100_0000_4000_0064))
        #expect(crash.message.contains("vm_gfree had freed"))
        #expect(crash.fault?.region?.start == EffectiveAddress(0xF100_0000_4000_0000))
        if case .useAfterFree? = crash.fault {} else { Issue.record("classified \(String(describing: crash.fault))") }
        #expect(crash.dsisr == [.noTranslation, .store])
        #expect(crash.location?.hasPrefix("use_after_free_entry+0x") == true)
        #expect(report.entry.`init` == nil && report.entry.term == nil)
    }

    @Test("Running off the end of a region is a DSI at the first byte past it")
    func overrun() throws {
        let crash = try #require(Fixture.run("overrun").crash)
        #expect(crash.kind == .dsi && crash.access == .store)
        #expect(crash.ea == EffectiveAddress(0xF100_0000_4000_1000))
        #expect(crash.message.contains("past the end of the 4 KB region at 0xF100000040000000"))
        if case .overrun(_, distance: 1)? = crash.fault {} else { Issue.record("classified \(String(describing: crash.fault))") }
    }

    @Test("A load in front of a region is a DSI naming that region")
    func underrun() throws {
        let crash = try #require(Fixture.run("underrun").crash)
        #expect(crash.access == .load)
        #expect(crash.message.contains("before the start of the 4 KB region"))
        if case .underrun? = crash.fault {} else { Issue.record("classified \(String(describing: crash.fault))") }
        #expect(crash.dsisr == .noTranslation)
    }

    @Test("A wild pointer outside global memory is a DSI with the raw address")
    func wildPointer() throws {
        let crash = try #require(Fixture.run("wild_load").crash)
        #expect(crash.ea == EffectiveAddress(0x18) && crash.access == .load)
        #expect(crash.message.contains("outside the kernel's global memory"))
        #expect(crash.fault == .nullPointer, "0x18 is a small offset from NULL")
    }

    @Test("A bad %s pointer faults inside printf: a DSI blamed on the printf call, earlier output kept")
    func printfFault() throws {
        let report = Fixture.run("printf_bad_string")
        let crash = try #require(report.crash)
        #expect(crash.ea == EffectiveAddress(0x40))
        #expect(crash.location?.contains("printf") == true)
        #expect(report.console == ["first line is fine\n"])
    }

    @Test("A bad eaddr crashes in vm_galloc and leaves no region allocated (never a partial result)")
    func badEaddr() throws {
        let report = Fixture.run("bad_eaddr")
        let crash = try #require(report.crash)
        #expect(crash.access == .store && crash.ea == EffectiveAddress(0x20))
        #expect(crash.location?.contains("vm_galloc") == true)
        #expect(report.gallocHeap?.liveRegions == 0)
    }

    @Test("uiomove: a bad user buffer is EFAULT, a bad kernel one a DSI")
    func uiomoveFaults() throws {
        let report = Fixture.run("uio_bad_user")
        #expect(report.results(of: "uiomove").first == 14)
        #expect(report.crash?.location?.contains("uiomove") == true)
    }

    @Test("aixsim keeps working after a kext faults")
    func afterAFault() {
        #expect(Fixture.run("use_after_free").outcome == .crash)
        #expect(Fixture.run("touch_all").outcome == .ok)
        #expect(Fixture.run("overrun").outcome == .crash)
        #expect(KextRun.run(LoadRequest(kext: "hello")).outcome == .ok)
    }
}
