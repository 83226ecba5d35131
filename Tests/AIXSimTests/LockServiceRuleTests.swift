import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// lock_try_read/lock_try_write, and the rule that a process-only service may not be called
/// with a simple lock held, with C kexts.
@Suite("Lock service rules", .serialized)
struct LockServiceRuleTests {
    @Test("lock_try_read and lock_try_write take a free or shared complex lock and return FALSE when it is busy")
    func tryLocks() {
        let report = runFixture("lock_try")
        #expect(report.outcome == .ok)
        #expect(report.console == ["write 1, then read 0\n", "read 1, read 1, then write 0\n", "free again: write 1\n"])
        #expect(report.findings.isEmpty)
    }

    @Test("A process-only service under simple_lock is a sleep-with-lock crash naming the lock and its taker",
          arguments: [("simple", "xmalloc", "(simple_lock)"), ("disable", "lock_write", "(disable_lock, interrupts disabled to INTIODONE)")])
    func processServiceWithSimpleLock(data: String, service: String, taken: String) throws {
        let report = runFixture("process_service_locked", data: data)
        let crash = try #require(report.crash)
        #expect(crash.kind == .sleepWithLock)
        let lines = crash.message.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("\(service), a process-only service, called with simple lock") == true)
        #expect(lines.count == 4)
        #expect(lines.dropFirst().first?.contains("took it at process_service_locked_entry+0x") == true)
        #expect(lines.dropFirst().first?.hasSuffix(taken) == true)
        #expect(crash.location?.hasPrefix("process_service_locked_entry+0x") == true)
        #expect(report.calls.last { $0.service == service }?.detail == "refused: a simple lock is held")
    }

    @Test("e_sleep_thread handed the simple lock it holds (LOCK_SIMPLE) is not refused")
    func sleepThreadReleasesItsLock() {
        let report = runFixture("process_service_locked", data: "handoff", runFor: .milliseconds(30))
        #expect(report.outcome == .ok)
        #expect(report.results(of: "e_sleep_thread") == [1])
    }
}
