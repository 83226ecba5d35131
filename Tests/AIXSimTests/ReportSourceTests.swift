import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Reports point at the kext's source: file, line, the line itself with context, and the kext
/// frames that led there; refused calls, void services and calls cut short by a crash never read
/// as successes. Real C kexts throughout.
@Suite("Reports point at the source", .serialized)
struct ReportSourceTests {
    /// The 1-based number of the first line of a fixture containing `text`.
    static func line(of text: String, in fixture: String) throws -> Int {
        let source = try String(contentsOf: URL(fileURLWithPath: Fixture.path(fixture)), encoding: .utf8)
        return try #require(source.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains(text) }) + 1
    }

    @Test("A DSI in kext code names the file, the line and the function, with the line and its neighbours")
    func faultInKextCode() throws {
        let crash = try #require(Fixture.run("overrun").crash)
        let frame = try #require(crash.frames?.first)
        #expect(frame.function == "overrun_entry")
        #expect(frame.file?.hasSuffix("/galloc/overrun.c") == true)
        #expect(frame.line == (try Self.line(of: "p[i] = 0;", in: "overrun")))
        let source = try #require(frame.source)
        #expect(source.count == 3)
        #expect(source.filter(\.isTarget).map(\.text) == ["        p[i] = 0;"])
        #expect(frame.description == "overrun.c:\(frame.line!) in overrun_entry")
    }

    @Test("A fault three calls deep lists every kext frame, innermost first")
    func nestedFaultFrames() throws {
        let crash = try #require(Fixture.run("nested_fault").crash)
        let frames = try #require(crash.frames)
        #expect(frames.map(\.function) == ["nested_store", "nested_middle", "nested_fault_entry"])
        #expect(frames.map(\.line) == [
            try Self.line(of: "p[v] = (char)v;", in: "nested_fault"),
            try Self.line(of: "nested_store((volatile", in: "nested_fault"),
            try Self.line(of: "return nested_middle(", in: "nested_fault"),
        ])
    }

    @Test("freed-while-pinned names the vm_gfree call's file and line")
    func freedWhilePinnedSite() throws {
        let report = Fixture.run("gfree_pinned")
        let finding = try #require(report.findings.first { $0.kind == .freedWhilePinned })
        let line = try Self.line(of: "return vm_gfree(", in: "gfree_pinned")
        #expect(finding.message.contains("vm_gfree in gfree_pinned_entry+0x"))
        #expect(finding.message.contains("(gfree_pinned.c:\(line))"))
        #expect(finding.frames?.first?.line == line)
    }

    @Test("A crash inside a service names the kext line that called it, not the header's stub")
    func crashInService() throws {
        let report = Fixture.run("sleep_disabled", data: "stack")
        let crash = try #require(report.crash)
        let frame = try #require(crash.frames?.first)
        #expect(frame.file?.hasSuffix("sleep_disabled.c") == true)
        #expect(frame.line == (try Self.line(of: "e_sleep(", in: "sleep_disabled")))
        #expect(crash.duringServiceCall)
    }

    @Test("A refused call is marked refused and never returned; JSON carries no result for it")
    func refusedCall() throws {
        let report = Fixture.run("sleep_disabled", data: "stack")
        let call = try #require(report.calls.last)
        #expect(call.service == "e_sleep" && call.refused && call.neverReturned && !call.hasResult)
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(call)) as? [String: Any]
        #expect(json?["refused"] as? Bool == true)
        #expect(json?["neverReturned"] as? Bool == true)
        #expect(json?["result"] == nil)
    }

    @Test("An e_sleep cut short by a crash says it never returned, with no fabricated EVENT_SUCC")
    func sleepCutShort() throws {
        let report = Fixture.run("sleep_forever")
        #expect(report.crash?.kind == .watchdog)
        let sleep = try #require(report.calls.first { $0.service == "e_sleep" })
        #expect(sleep.neverReturned && !sleep.refused && !sleep.hasResult)
        let wakeup = try #require(report.calls.first { $0.service == "e_wakeup" })
        #expect(wakeup.isVoid && !wakeup.neverReturned, "e_wakeup returned, and returns nothing")
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(wakeup)) as? [String: Any]
        #expect(json?["result"] == nil, "a void service shows no result")
    }

    @Test("A call a kext-code fault followed did return: only calls a crash interrupted are marked")
    func callsBeforeFaultReturned() {
        let report = Fixture.run("use_after_free")
        #expect(report.crash?.kind == .dsi)
        #expect(!report.calls.isEmpty && report.calls.allSatisfy { !$0.neverReturned && !$0.refused })
    }

    @Test("An xmalloc finding names the free site and the allocation site with file and line")
    func xmallocFindingSites() throws {
        let report = Fixture.run("xm_bad_frees", data: "double")
        let finding = try #require(report.findings.first { $0.kind == .xmallocDoubleFree })
        let frame = try #require(finding.frames?.first)
        #expect(frame.file?.hasSuffix("xm_bad_frees.c") == true)
        #expect(frame.line == (try Self.line(of: "case 'd':", in: "xm_bad_frees")))
        let allocLine = try Self.line(of: "xmalloc(64, 3, kernel_heap)", in: "xm_bad_frees")
        #expect(finding.xmalloc?.record?.function.hasSuffix("(xm_bad_frees.c:\(allocLine))") == true)
        #expect(finding.size == 64)
    }

    @Test("A kext built without -g falls back to function+offset")
    func withoutDebugInformation() throws {
        let (dir, object) = try buildWithoutDebugInfo("overrun", as: "liboverrun_kext.so")
        defer { try? FileManager.default.removeItem(at: dir) }
        let report = KextRun.run(LoadRequest(kext: object.path, entry: "overrun_entry"))
        let frame = try #require(report.crash?.frames?.first)
        #expect(frame.file == nil && frame.line == nil && frame.source == nil)
        #expect(frame.function == "overrun_entry")
        #expect(frame.description.hasPrefix("overrun_entry+0x"))
    }

    @Test("The text report shows the source line, marked, under the crash")
    func textReport() throws {
        let result = try AIXSimCommand.run(["load", Fixture.path("overrun")])
        #expect(result.status == 3)
        let line = try Self.line(of: "p[i] = 0;", in: "overrun")
        #expect(result.stdout.contains("source             overrun.c:\(line) in overrun_entry"))
        #expect(result.stdout.contains(">    \(line) |         p[i] = 0;"))
        let refused = try AIXSimCommand.run(["load", Fixture.path("sleep_disabled"), "--data", "stack"])
        #expect(refused.stdout.contains("e_sleep(") && refused.stdout.contains("REFUSED"))
        #expect(!refused.stdout.contains("= EVENT_SUCC"))
    }
}
