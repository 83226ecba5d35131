import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Watchdog timers (w_init, w_start, w_stop, w_clear) with C kexts: the handler runs `restart`
/// seconds of simulated time after the last w_start, in the interrupt environment, unless
/// w_stop or w_clear came first; misuse is reported.
@Suite("Watchdog timers", .serialized)
struct WatchdogTests {
    @Test("The handler runs restart seconds after w_start at INTTIMER; w_stop and w_clear prevent it, w_start again postpones it")
    func lifecycle() {
        let report = runFixture("watchdog_timers")
        #expect(report.outcome == .ok)
        #expect(report.console == [
            "w_init 0\n",
            "started: count 2\n",
            "bark 1: count 0, pid -1\n",
            "after 3 s: barks 1, count 0\n",
            "stopped: barks 1, count 0\n",
            "bark 2: count 0, pid -1\n",
            "restarted: barks 2\n",
            "w_clear 0\n",
            "cleared: barks 2, next (nil)\n",
        ])
        let expiries = report.events.filter { $0.text.contains("watchdog expired") }.map(\.time)
        #expect(expiries == [.milliseconds(2000), .milliseconds(10_500)])
        let handlerCalls = report.calls.filter { $0.service == "getpid" }
        #expect(handlerCalls.count == 2)
        #expect(handlerCalls.allSatisfy { $0.context?.contains("watchdog handler bark") == true })
        #expect(handlerCalls.allSatisfy { $0.context?.contains("INTTIMER") == true })
    }

    @Test("w_start of a watchdog w_init never registered is a crash")
    func unregistered() throws {
        let crash = try #require(runFixture("watchdog_unregistered", data: "start").crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message == "w_start of a watchdog w_init did not register")
        #expect(crash.rule?.hasPrefix("A watchdog is registered with w_init") == true)
        #expect(crash.fix?.contains("w_clear") == true)
    }

    @Test("w_init of a watchdog already registered is a crash")
    func registeredTwice() throws {
        let crash = try #require(runFixture("watchdog_unregistered", data: "twice").crash)
        #expect(crash.message == "w_init of a watchdog already registered")
    }

    @Test("A watchdog still registered when CFG_TERM returns is a timer-active finding")
    func leftRegistered() {
        let report = runFixture("watchdog_unregistered", data: "left")
        #expect(report.crash == nil)
        #expect(report.findings.map(\.kind) == [.timerActive])
        #expect(report.findings.first?.message.contains("w_init without w_clear") == true)
    }
}
