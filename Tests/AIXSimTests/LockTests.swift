import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Lock services and their checks with real C kexts: each rule's report names the lock's kind,
/// both acquisition sites and the deadlock scenario; correct use reports nothing.
@Suite("Locks", .serialized)
struct LockTests {
    static let twentyMs = SimulatedTime(rawValue: 20_000_000)

    @Test("Two paths taking two locks in opposite orders: an inversion naming all four sites")
    func inversion() throws {
        let report = runFixture("lock_order")
        #expect(report.outcome == .findings)
        let f = try #require(report.findings.first { $0.kind == .lockOrderInversion })
        #expect(report.findings.count == 1)
        let lines = f.message.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[1].contains("enqueue_item+0x") && lines[1].contains("then enqueue_item+0x"))
        #expect(lines[2].contains("report_stats+0x") && lines[2].contains("then report_stats+0x"))
        #expect(lines[3].contains("DEADLOCK"))
    }

    @Test("Correct use is silent: ordered nesting, lockl nesting, upgrades, disable_lock at interrupt level")
    func cleanUse() {
        let report = runFixture("locks_clean", runFor: SimulatedTime(rawValue: 30_000_000))
        #expect(report.outcome == .ok)
        #expect(report.findings.isEmpty)
        #expect(report.console == ["lockl 0 1\n", "ticks 1\n"])
    }

    @Test("A lock an interrupt handler takes, taken by process code with interrupts enabled: a finding")
    func interruptUnsafe() throws {
        let report = runFixture("irq_unsafe", runFor: Self.twentyMs)
        let f = try #require(report.findings.first)
        #expect(report.findings.map(\.kind) == [.lockInterruptUnsafe])
        #expect(f.message.contains("interrupt level INTTIMER took it at dev_timer+0x"))
        #expect(f.message.contains("the kext thread took it at irq_unsafe_entry+0x"))
        #expect(f.message.contains("disable_lock"))
    }

    @Test("An interrupt handler wanting a lock the interrupted thread holds: self-deadlock crash")
    func interruptDeadlock() throws {
        let crash = try #require(runFixture("lock_forgotten", runFor: Self.twentyMs).crash)
        #expect(crash.kind == .selfDeadlock)
        #expect(crash.location?.hasPrefix("dev_timer+0x") == true)
        #expect(crash.message.contains("the kext thread took it at lock_forgotten_entry+0x"))
        #expect(crash.message.contains("interrupt level INTTIMER wants it at dev_timer+0x"))
        #expect(crash.environment == .interrupt)
    }

    @Test("simple_lock of a lock the same code holds: self-deadlock crash with both sites")
    func relock() throws {
        let crash = try #require(runFixture("relock").crash)
        #expect(crash.kind == .selfDeadlock)
        let lines = crash.message.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("relock_entry+0x"))
        #expect(lines[1].contains("wants it at relock_entry+0x"))
        #expect(crash.location != nil && lines[0].hasSuffix("(simple_lock)"))
        #expect(lines[0].contains(crash.location ?? "-") == false)
    }

    @Test("Unlocking a lock nobody holds is a lock-misuse crash")
    func unlockUnheld() throws {
        let crash = try #require(runFixture("unlock_unheld").crash)
        #expect(crash.kind == .lockMisuse)
        #expect(crash.message.contains("nobody holds it"))
    }

    @Test("e_sleep with a simple lock held is a sleep-with-lock crash; e_sleep never runs")
    func sleepWithLock() throws {
        let report = runFixture("sleep_locked", runFor: Self.twentyMs)
        let crash = try #require(report.crash)
        #expect(crash.kind == .sleepWithLock)
        #expect(crash.message.contains("took it at sleep_locked_entry+0x"))
        #expect(crash.location?.hasPrefix("sleep_locked_entry+0x") == true)
        #expect(report.calls.last { $0.service == "e_sleep" }?.detail == "refused: a simple lock is held")
    }

    @Test("A lock held when CFG_TERM returns, never freed: held-at-unload and leak findings")
    func heldAtUnload() {
        let report = runFixture("held_at_term")
        #expect(Set(report.findings.map(\.kind)) == [.lockHeldAtUnload, .leak])
        #expect(report.findings.contains { $0.message.contains("took it at held_at_term_entry+0x") })
    }

    @Test("unlock_enable given a priority other than disable_lock's: lock-misuse crash")
    func wrongPriority() throws {
        let crash = try #require(runFixture("wrong_priority").crash)
        #expect(crash.kind == .lockMisuse)
        #expect(crash.message.hasPrefix("unlock_enable(INTBASE)"))
        #expect(crash.message.contains("disable_lock returned INTCLASS1"))
    }

    @Test("lock_free of a held lock: lock-misuse crash")
    func freeHeld() throws {
        let crash = try #require(runFixture("free_held").crash)
        #expect(crash.kind == .lockMisuse)
        #expect(crash.message.contains("lock_free"))
    }

    @Test("A lock used without lock_alloc: lock-uninitialised finding")
    func noLockAlloc() {
        let report = runFixture("no_lock_alloc")
        #expect(report.findings.map(\.kind) == [.lockUninitialised])
    }

    @Test("JSON spellings of the lock kinds")
    func spellings() {
        #expect(Crash.Kind.selfDeadlock.rawValue == "self-deadlock")
        #expect(Crash.Kind.lockMisuse.rawValue == "lock-misuse")
        #expect(Crash.Kind.sleepWithLock.rawValue == "sleep-with-lock")
        #expect(Finding.Kind.lockOrderInversion.rawValue == "lock-order-inversion")
        #expect(Finding.Kind.lockInterruptUnsafe.rawValue == "lock-interrupt-unsafe")
        #expect(Finding.Kind.lockUninitialised.rawValue == "lock-uninitialised")
        #expect(Finding.Kind.lockHeldAtUnload.rawValue == "lock-held-at-unload")
    }
}
