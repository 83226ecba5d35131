import Foundation
import Testing
import KextFixtures
@testable import ExecutionEnvironment
@testable import Kernel
@testable import KextLoader

/// Execution environments with real C kexts: priorities, per-service rules, interrupt sources,
/// timers, sleeping, exceptions and fatal services. Serialized: they share fault-signal state.
@Suite("Execution environments", .serialized)
struct EnvironmentTests {
    func sample(_ name: String, data: String? = nil, interrupts: [InterruptRequest] = [],
                runFor: SimulatedTime = .zero) -> RunReport
    {
        KextRun.run(LoadRequest(kext: name, data: data, interrupts: interrupts, runFor: runFor))
    }

    func fixture(_ name: String, data: String? = nil, interrupts: [InterruptRequest] = [],
                 runFor: SimulatedTime = .zero) -> RunReport
    {
        KextRun.run(LoadRequest(kext: Fixture.path(name), entry: "\(name)_entry", data: data,
                                interrupts: interrupts, runFor: runFor))
    }

    @Test("A call refused inside a handler a service ran names the handler's line, not the service call that ran it")
    func nestedRefusalNamesTheHandler() throws {
        let report = fixture("nested_refusal")
        let crash = try #require(report.crash)
        #expect(crash.kind == .environmentViolation && crash.service == "vm_galloc")
        let text = try String(contentsOfFile: Fixture.path("nested_refusal"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("refused: process only") }) + 1
        #expect(crash.location?.hasPrefix("bottom+0x") == true, "\(crash.location ?? "nil")")
        #expect(crash.location?.hasSuffix("(nested_refusal.c:\(line))") == true, "\(crash.location ?? "nil")")
    }

    // MARK: - Priorities

    @Test("i_disable returns the old priority and never lowers it; i_enable restores it")
    func priorities() {
        let report = fixture("priorities")
        #expect(report.outcome == .ok)
        #expect(report.results(of: "i_disable") == [11, 2, 2])
        #expect(report.console == ["11 2 2\n"])
        let details = report.calls.filter { $0.service == "i_disable" }.compactMap(\.detail)
        #expect(details == ["priority INTBASE → INTCLASS1", "priority INTCLASS1 → INTCLASS1", "priority INTCLASS1 → INTMAX"])
    }

    @Test("An entry point returning with interrupts disabled is a crash")
    func entryReturnsDisabled() throws {
        let report = sample("bug_return_disabled")
        let crash = try #require(report.crash)
        #expect(report.outcome == .crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message.contains("returned with the interrupt priority at INTCLASS1, not INTBASE"))
        #expect(report.entry.term == nil, "nothing runs after the crash")
    }

    @Test("A handler returning at another priority than it was called at is a crash")
    func handlerReturnsDisabled() throws {
        let crash = try #require(fixture("handler_keeps_disabled", runFor: .milliseconds(1)).crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message.contains("returned with the interrupt priority at INTMAX, not INTTIMER"))
    }

    // MARK: - The rule on every call

    @Test("A process-only service with interrupts disabled is a crash naming service, priority and caller")
    func processOnlyWithInterruptsDisabled() throws {
        let crash = try #require(sample("bug_pageable_disabled").crash)
        #expect(crash.kind == .dsi, "the touch of pageable memory comes first in that sample")
        let report = fixture("call_at_interrupt", data: "vm_galloc", runFor: .milliseconds(5))
        let v = try #require(report.crash)
        #expect(v.kind == .environmentViolation && v.service == "vm_galloc")
        #expect(v.environment == .interrupt && v.priority == .INTTIMER)
        #expect(v.interruptSource?.contains("timer handler call_it") == true)
        #expect(v.location?.hasPrefix("call_it+0x") == true)
    }

    @Test("Every service is checked against its declared environment at interrupt level",
          arguments: ExportList.all.map(\.name))
    func declaredEnvironment(service: String) throws {
        let export = try #require(ExportList.byName[service])
        let report = fixture("call_at_interrupt", data: service, runFor: .milliseconds(5))
        // Most services are traced; the heap-handle readers are not (see docs/kext-abi.md), so the
        // fixture says it called them.
        let traced = report.calls.contains { $0.service == service && $0.context?.contains("interrupt level") == true }
        #expect(traced || report.console.contains("called \(service)\n"),
                "the handler must actually call \(service) at interrupt level")
        let violated = report.crash?.kind == .environmentViolation && report.crash?.service == service
        let allowedAtInterrupt = export.environments.contains(.interrupt)
            || export.environments.contains(.interruptForSystemSpaceOnly)
        #expect(violated == !allowedAtInterrupt,
                "\(service) is declared \(export.environments.aixWording); crash: \(report.crash?.message ?? "none")")
    }

    @Test("getpid and thread_self return -1 in the interrupt environment only")
    func environmentQueries() {
        let report = sample("timer")
        #expect(report.outcome == .ok)
        #expect(report.results(of: "getpid") == [-1, -1, -1])
        let process = fixture("call_at_interrupt", data: "getpid", runFor: .milliseconds(5))
        #expect(process.results(of: "getpid") == [-1])
        let dis = fixture("priorities")
        #expect(dis.outcome == .ok)
    }

    // MARK: - Pinned and pageable memory

    @Test("Touching unpinned global memory at interrupt level is a crash even though the page is resident")
    func pageableAtInterrupt() throws {
        let crash = try #require(fixture("interrupt_touch", runFor: .milliseconds(1)).crash)
        #expect(crash.kind == .dsi)
        #expect(crash.message.contains("page fault in the interrupt environment"))
        #expect(crash.message.contains("which is not pinned"))
        if case .unpinnedAtRaisedPriority(_, let source, _)? = crash.fault {
            #expect(source != nil, "at interrupt level, not merely disabled")
        } else {
            Issue.record("classified \(String(describing: crash.fault))")
        }
        let pinned = fixture("interrupt_touch", data: "pin", runFor: .milliseconds(1))
        #expect(pinned.crash == nil)
        #expect(pinned.console == ["handler wrote 7\n"])
    }

    @Test("Touching unpinned memory with interrupts disabled is a crash")
    func pageableDisabled() throws {
        let crash = try #require(sample("bug_pageable_disabled").crash)
        #expect(crash.message.contains("page fault with interrupts disabled to INTMAX"))
        #expect(crash.priority == .INTMAX && crash.environment == .process)
        guard case .unpinnedAtRaisedPriority(_, source: nil, priority: .INTMAX)? = crash.fault else {
            Issue.record("classified \(String(describing: crash.fault))")
            return
        }
    }

    @Test("An interrupt handler whose code is not pinned is reported when it runs")
    func unpinnedHandler() throws {
        let crash = try #require(fixture("unpinned_handler", interrupts: [InterruptRequest(level: 3)]).crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message.contains("never pinned its code"))
    }

    // MARK: - Interrupt sources

    @Test("Device interrupts reach i_init handlers; off-level work runs at its priority; i_clear removes them")
    func deviceInterrupts() {
        let report = sample("interrupt_handler", interrupts: [InterruptRequest(level: 5, count: 3)])
        #expect(report.outcome == .ok)
        #expect(report.console.filter { $0.hasPrefix("off-level") }.count == 3)
        #expect(report.console.last == "3 interrupts taken, 3 processed\n")
        #expect(report.calls.contains { $0.service == "getpid" && $0.context?.contains("INTOFFL1") == true })
        #expect(report.events.filter { $0.text.contains("calling on_interrupt at INTCLASS2") }.count == 3)
    }

    @Test("A JSON scenario raises interrupts at the times it names")
    func scenario() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appending(path: "Scenarios/three_interrupts.json").path
        var request = LoadRequest(kext: "interrupt_handler")
        try Scenario.load(path).apply(to: &request)
        let report = KextRun.run(request)
        #expect(report.outcome == .ok)
        #expect(report.ranFor == .milliseconds(40))
        let times = report.events.filter { $0.text.contains("calling on_interrupt") }.map(\.time)
        #expect(times == [.milliseconds(5), .milliseconds(15), .milliseconds(25)])
    }

    @Test("A scenario's fail rules inject failures as --fail does")
    func scenarioFailures() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appending(path: "Scenarios/fail_first_xmalloc.json").path
        var request = LoadRequest(kext: Fixture.path("xm_inject"), entry: "xm_inject_entry")
        try Scenario.load(path).apply(to: &request)
        let report = KextRun.run(request)
        #expect(report.console.first?.hasPrefix("-x") == true, "the first xmalloc fails, the second succeeds")
        #expect(report.xmalloc?.injectedFailures == ["xmalloc": 1])
    }

    @Test("Code left pinned with pincode at unload is a finding")
    func pincodeLeft() {
        let report = fixture("call_at_interrupt", data: "getpid", runFor: .milliseconds(5))
        #expect(report.outcome == .findings)
        #expect(report.findings.contains { $0.kind == .leak && $0.message.contains("pincode") })
    }

    @Test("Shared levels try each handler until one claims; INTR_NOT_SHARED is refused on a shared level")
    func sharedLevels() {
        let report = fixture("shared_levels", interrupts: [InterruptRequest(level: 4, count: 2)])
        #expect(report.outcome == .ok)
        #expect(report.console == ["exclusive: -1\n", "first 2 second 2\n"])
        #expect(report.results(of: "i_init") == [0, 0, -1])
    }

    @Test("An interrupt nobody registered for is lost, and said so")
    func unclaimedInterrupt() {
        let report = sample("hello", interrupts: [InterruptRequest(level: 7)])
        #expect(report.outcome == .ok)
        #expect(report.events.contains { $0.text.contains("no handler is registered") })
    }

    @Test("Timers and timeouts run in simulated-time order, ties in scheduling order; untimeout cancels")
    func timerOrder() {
        let report = fixture("timer_order", runFor: .milliseconds(100))
        #expect(report.console == ["a (1 tick)\n", "b (2 ticks, scheduled first)\n", "c (2 ticks, scheduled second)\n"])
        #expect(report.ranFor == .milliseconds(100))
    }

    @Test("A timer left running and a trb never freed at unload are findings")
    func timerFindings() {
        let report = fixture("timer_order", runFor: .milliseconds(100))
        #expect(report.outcome == .findings)
        #expect(report.findings.map(\.kind).contains(.timerActive))
        #expect(report.findings.contains { $0.kind == .leak && $0.message.contains("talloc") })
    }

    @Test("Runs are deterministic: the same kext gives the same calls and events")
    func determinism() {
        let a = sample("timer")
        let b = sample("timer")
        #expect(a.calls.map(\.service) == b.calls.map(\.service))
        // Host addresses (talloc's result) differ between runs; everything else must not.
        let small: (Int64) -> Bool = { $0 < Int64(1) << 32 }
        let resultsA: [Int64] = a.calls.map(\.result).filter(small)
        let resultsB: [Int64] = b.calls.map(\.result).filter(small)
        #expect(resultsA == resultsB)
        #expect(a.events.map(\.text) == b.events.map(\.text))
        #expect(a.events.map(\.time) == b.events.map(\.time))
    }

    // MARK: - Sleeping

    @Test("e_sleep sleeps while simulated time runs; e_wakeup from a handler wakes it")
    func sleepAndWake() {
        let report = sample("timer")
        #expect(report.console.last == "awake after 3 ticks\n")
        #expect(report.events.contains { $0.text.contains("wakes up") && $0.time == .milliseconds(30) })
    }

    @Test("A sleep nothing can end is reported, not a hang")
    func sleepForever() throws {
        let report = fixture("sleep_forever")
        let crash = try #require(report.crash)
        #expect(crash.kind == .watchdog)
        #expect(crash.message.contains("can never end"))
        #expect(report.calls.first { $0.service == "e_wakeup" }?.detail?.contains("lost") == true)
    }

    @Test("With interrupts disabled, e_sleep needs a pinned event word")
    func sleepDisabledNeedsPinnedWord() throws {
        let unpinned = try #require(fixture("sleep_disabled").crash)
        #expect(unpinned.kind == .environmentViolation)
        #expect(unpinned.message.contains("not pinned"))
        let pinned = try #require(fixture("sleep_disabled", data: "pin").crash)
        #expect(pinned.kind == .watchdog, "allowed to sleep; then nothing wakes it")
    }

    // MARK: - Exceptions

    @Test("setjmpx contexts nest; longjmpx restores the saved priority; 0 becomes EINTR")
    func jmpxNesting() {
        let report = fixture("jmpx_rules")
        #expect(report.outcome == .ok, "\(report.crash?.message ?? "")")
        #expect(report.console == ["inner 4\n", "outer 33\n"])
        let resumes = report.calls.filter { $0.service == "longjmpx" }.compactMap(\.detail)
        #expect(resumes.first?.hasSuffix("at INTCLASS2") == true)
        #expect(resumes.last?.hasSuffix("at INTBASE") == true)
    }

    @Test("longjmpx with no context saved is a crash")
    func longjmpxWithoutContext() throws {
        let crash = try #require(fixture("jmpx_rules", data: "none").crash)
        #expect(crash.kind == .unhandledException)
        #expect(crash.message.contains("no setjmpx context"))
    }

    @Test("clrjmpx of a context that is not the most recent is a crash")
    func clrjmpxMismatch() throws {
        let crash = try #require(fixture("jmpx_rules", data: "clr").crash)
        #expect(crash.kind == .unhandledException)
        #expect(crash.message.contains("not the most recent"))
    }

    @Test("A DSI on freed memory with a context saved is delivered to setjmpx with EFAULT, as AIX passes it")
    func dsiDelivered() {
        let report = sample("exceptions")
        #expect(report.outcome == .ok)
        #expect(report.console.contains("probe after vm_gfree: 14 (EFAULT is 14)\n"))
        #expect(report.events.contains { $0.text.contains("delivered to the setjmpx context") })
    }

    @Test("A DSI in a V_SYSTEM area is a crash even with a context saved")
    func systemAreaAlwaysCrashes() throws {
        let report = fixture("jmpx_rules", data: "system")
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        #expect(crash.explanation.contains("V_SYSTEM"))
        #expect(!report.console.contains("caught it, which AIX would not\n"))
    }

    // MARK: - Fatal services

    @Test("panic ends the run as a crash of kind panic with its message and caller")
    func panicCrash() throws {
        let crash = try #require(fixture("call_at_interrupt", data: "panic", runFor: .milliseconds(5)).crash)
        #expect(crash.kind == .panic)
        #expect(crash.message == "panic: called from a timer")
        #expect(crash.location?.hasPrefix("call_it+0x") == true)
    }

    @Test("A failed assert ends the run as a crash of kind assert with expression, file and line")
    func assertCrash() throws {
        let crash = try #require(fixture("call_at_interrupt", data: "aixsim_assert", runFor: .milliseconds(5)).crash)
        #expect(crash.kind == .assert)
        #expect(crash.message.hasPrefix("assert(name[0] == 'x') failed at "))
        #expect(crash.message.contains("call_at_interrupt.c:"))
    }
}
