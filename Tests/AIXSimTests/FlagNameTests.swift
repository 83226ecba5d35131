import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Lock and sleep traces name flags and results as the AIX headers do: no bare numbers where a
/// header gives a name, and the number kept beside the names when bits no name covers remain.
@Suite("Flag and result names in traces", .serialized)
struct FlagNameTests {
    @Test("Flag words read as their header names, joined with |; unknown bits keep the value")
    func flagWords() {
        #expect(AIXFlagNames.sleepFlags.bits(0) == "EVENT_SHORT")
        #expect(AIXFlagNames.sleepFlags.bits(2) == "EVENT_SIGWAKE")
        #expect(AIXFlagNames.sleepFlags.bits(6) == "EVENT_SIGWAKE|EVENT_SIGRET")
        #expect(AIXFlagNames.sleepFlags.bits(0x12) == "EVENT_SIGWAKE|0x10 (18)")
        #expect(AIXFlagNames.locklFlags.bits(0) == "LOCK_SHORT")
        #expect(AIXFlagNames.locklFlags.bits(1) == "LOCK_NDELAY")
        #expect(AIXFlagNames.lockAllocFlags.bits(1) == "LOCK_ALLOC_PIN")
        #expect(AIXFlagNames.lockAllocFlags.bits(2) == "LOCK_ALLOC_PAGED")
        #expect(AIXFlagNames.lockAllocFlags.bits(8) == "0x8 (8)")
        #expect(AIXFlagNames.sleepThreadFlags.bits(1 | 8) == "INTERRUPTIBLE|LOCK_SIMPLE")
        #expect(AIXFlagNames.timerFlags.bits(0x14) == "T_ABSOLUTE|T_INCINTERVAL")
        #expect(AIXFlagNames.threadResult(1) == "THREAD_AWAKENED")
        #expect(AIXFlagNames.threadResult(2) == "THREAD_TIMED_OUT")
        #expect(AIXFlagNames.threadResult(4) == "THREAD_INTERRUPTED")
        #expect(AIXFlagNames.threadResult(4096) == "THREAD_OTHER")
        #expect(AIXFlagNames.threadResult(4097) == "THREAD_OTHER+1")
        #expect(AIXFlagNames.threadResult(3) == "3")
        #expect(AIXFlagNames.boolean(0) == "FALSE" && AIXFlagNames.boolean(1) == "TRUE")
    }

    private func argument(_ call: CallRecord, _ name: String) -> String? {
        call.arguments.first { $0.name == name }?.value
    }

    @Test("A sleeping kext's trace: e_sleep flags and EVENT_SUCC, the result each wakeup passed")
    func sleepTrace() throws {
        let report = KextRun.run(LoadRequest(kext: Fixture.path("sleep_words"), entry: "sleep_words_entry",
                                             runFor: SimulatedTime(rawValue: 50_000_000)))
        #expect(report.outcome == .ok)
        let sleep = try #require(report.calls.first { $0.service == "e_sleep" })
        #expect(argument(sleep, "flags") == "EVENT_SHORT" && sleep.resultText == "EVENT_SUCC")
        let assertWait = try #require(report.calls.first { $0.service == "e_assert_wait" })
        #expect(argument(assertWait, "interruptible") == "FALSE")
        // The kext's console says what each call returned; the trace must agree, by name.
        let block = try #require(report.calls.first { $0.service == "e_block_thread" })
        #expect(block.result == 4097 && block.resultText == "THREAD_OTHER+1")
        #expect(report.console.contains("e_block_thread 4097\n"))
        let threads = report.calls.filter { $0.service == "e_sleep_thread" }
        #expect(threads.map(\.resultText) == ["THREAD_TIMED_OUT", "THREAD_AWAKENED"])
        #expect(threads.map(\.result) == [2, 1])
        #expect(threads.map { argument($0, "flags") } == ["0", "INTERRUPTIBLE"])
        let results = report.calls.filter { $0.service == "e_wakeup_w_result" }.map { argument($0, "result") }
        #expect(results == ["THREAD_OTHER+1", "THREAD_TIMED_OUT"])
        let text = try AIXSimCommand.run(["load", Fixture.path("sleep_words"), "--run-for", "50ms"])
        #expect(text.stdout.contains("flags=EVENT_SHORT) = EVENT_SUCC"))
        #expect(text.stdout.contains("flags=INTERRUPTIBLE) = THREAD_AWAKENED"))
        #expect(text.stdout.contains("e_block_thread() = THREAD_OTHER+1"))
    }

    @Test("Lock traces: lock_alloc and lockl flags by name")
    func lockTrace() throws {
        let report = KextRun.run(LoadRequest(kext: Fixture.path("locks_clean"), entry: "locks_clean_entry",
                                             runFor: SimulatedTime(rawValue: 30_000_000)))
        #expect(report.outcome == .ok)
        let allocs = report.calls.filter { $0.service == "lock_alloc" }.compactMap { argument($0, "flags") }
        #expect(allocs.contains("LOCK_ALLOC_PIN") && allocs.contains("LOCK_ALLOC_PAGED"))
        #expect(allocs.allSatisfy { $0.hasPrefix("LOCK_ALLOC_") })
        let lockl = report.calls.filter { $0.service == "lockl" }
        #expect(!lockl.isEmpty && lockl.allSatisfy { argument($0, "flags") == "LOCK_SHORT" })
        #expect(lockl.map(\.resultText) == ["LOCK_SUCC", "LOCK_NEST"])
    }

    @Test("tstart shows the trb's flags by name")
    func timerFlags() throws {
        let text = try AIXSimCommand.run(["load", "timer", "--run-for", "50ms"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("at INTTIMER; t->flags T_INCINTERVAL\n"))
        #expect(text.stdout.contains("e_sleep(event_word=") && text.stdout.contains("flags=EVENT_SHORT) = EVENT_SUCC"))
    }
}
