import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// AIX's own semantics for timers, sleeping, off-level work, exceptions and the small services,
/// each shown by a C kext written the way AIX engineers write them (K&R definitions, `int`
/// event words). Serialized: they share fault-signal state.
@Suite("AIX semantics", .serialized)
struct AIXSemanticsTests {
    // MARK: - Timer request blocks

    @Test("struct trb has AIX 5.3's 64-bit layout and T_* values")
    func trbLayout() {
        let report = runFixture("trb_flags")
        #expect(report.outcome == .ok)
        #expect(report.console.first
            == "size 120 to_next 0 knext 8 flags 34 eventlist 48/8 timeout 56 func 88 ipri 104 tof 112\n")
        #expect(report.console.dropFirst().first
            == "T_PENDING 1 T_ACTIVE 2 T_ABSOLUTE 4 T_INCINTERVAL 10 T_COMPLETE 20 T_MPSAFE 40 T_LOWRES 80\n")
    }

    @Test("tstart marks the trb pending and active; the handler sees it active; afterwards it is complete")
    func trbStateFlags() {
        let report = runFixture("trb_flags")
        #expect(Array(report.console.dropFirst(2)) == [
            "queued 0x13\n", "handler saw 0x12, after 0x30\n",
            "queued 0x3\n", "handler saw 0x2, after 0x20\n",
            "stopped 0x20\n",
        ])
    }

    @Test("tstart with neither T_INCINTERVAL nor T_ABSOLUTE is relative to now")
    func trbFlagsZeroIsRelative() {
        let report = runFixture("trb_flags")
        let wakes = report.events.filter { $0.text.contains("wakes up") }.map(\.time)
        #expect(wakes == [.milliseconds(30), .milliseconds(50)])
    }

    @Test("tstart of a trb after tfree is a crash naming the tfree")
    func trbAfterFree() throws {
        let crash = try #require(runFixture("trb_after_free").crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message == "tstart of a timer request block after tfree")
        #expect(crash.rule?.contains("from talloc until tfree") == true)
    }

    @Test("tfree from the trb's own handler is refused")
    func tfreeInHandler() throws {
        let crash = try #require(runFixture("trb_free_in_handler", runFor: .milliseconds(50)).crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message == "tfree of a timer request block from its own handler")
        #expect(crash.location?.hasPrefix("once+") == true)
    }

    @Test("timeout needs callout entries from timeoutcf and refuses a duplicate (func, arg)")
    func timeoutRules() throws {
        let ok = runFixture("timeout_rules", data: "ok", runFor: .milliseconds(50))
        #expect(ok.outcome == .ok)
        #expect(ok.console == ["timeoutcf 0\n", "first\n", "second\n"])
        let noEntries = try #require(runFixture("timeout_rules", data: "nocf", runFor: .milliseconds(50)).crash)
        #expect(noEntries.message.contains("no free callout entry"))
        let duplicate = try #require(runFixture("timeout_rules", data: "dup", runFor: .milliseconds(50)).crash)
        #expect(duplicate.message.contains("already pending"))
    }

    // MARK: - Sleeping

    @Test("Event words: sleep.h values, the sleeper anchored in the word, EVENT_NULL after e_wakeup")
    func eventWords() {
        let report = runFixture("sleep_words")
        #expect(report.outcome == .ok)
        #expect(Array(report.console.prefix(3)) == [
            "EVENT_NULL -1 EVENT_SHORT 0 EVENT_SIGWAKE 2 EVENT_SIGRET 4 EVENT_SUCC 1\n",
            "handler: ev has a sleeper\n",
            "e_sleep 1, ev EVENT_NULL again\n",
        ])
    }

    @Test("e_assert_wait keeps an early wakeup; e_sleep_thread returns e_wakeup_w_result's result; e_wakeup_one wakes")
    func threadSleep() {
        let report = runFixture("sleep_words")
        #expect(Array(report.console.dropFirst(3)) == [
            "e_block_thread 4097\n", "e_sleep_thread 2\n", "e_sleep_thread 1, one EVENT_NULL\n",
        ])
        let wakes = report.events.filter { $0.text.contains("wakes up") }.map(\.time)
        #expect(wakes == [.milliseconds(10), .milliseconds(10), .milliseconds(20), .milliseconds(30)])
    }

    // MARK: - Off-level work

    @Test("INIT_OFFLn sets INT_OFFLVL; i_sched marks I_SCHED, queues once, runs at i_enable or at once at INTBASE")
    func offLevelScheduling() {
        let report = runFixture("offlevel_sched")
        #expect(report.outcome == .ok)
        #expect(report.console == [
            "level 63 INT_OFFLVL 63\n", "disabled: flags 0x8000, ran 0\n",
            "after i_enable: flags 0x0, ran 1\n", "at INTBASE: ran 2\n",
        ], "disable_ints is for the base kernel (_KERNSYS) only")
    }

    // MARK: - uiomove

    @Test("uiomove of a uio with uio_resid or uio_iovcnt not positive returns EINVAL")
    func uiomoveEmpty() {
        let report = runFixture("uio_empty")
        #expect(report.outcome == .ok)
        #expect(report.console == ["resid 0: 1\n", "iovcnt 0: 1\n", "full: 0 abc\n"])
    }

    // MARK: - delay

    @Test("delay sleeps the thread for its ticks while simulated time runs")
    func delayTicks() {
        let report = runFixture("delay_ticks")
        #expect(report.outcome == .ok)
        #expect(report.console == ["delay 0, fired 0\n", "delay 0, fired 1\n"])
        #expect(report.events.contains { $0.text.contains("calling tick") && $0.time == .milliseconds(15) })
    }

    // MARK: - Exceptions

    @Test("setjmpx returns EFAULT after a fault with no translation and EXCEPT_PROT after a refused store")
    func exceptionCodes() {
        let report = runFixture("except_codes")
        #expect(report.outcome == .ok)
        #expect(report.console == [
            "live 0\n", "freed load 14 store 14\n", "null 14\n", "data 0\n",
            "constant 134 (EXCEPT_PROT 134)\n",
        ])
        #expect(report.events.contains { $0.text.contains("with EFAULT (14)") })
        #expect(report.events.contains { $0.text.contains("with EXCEPT_PROT (134)") })
    }

    @Test("label_t has AIX's 64-bit layout, and a resume writes nothing past it")
    func labelLayout() {
        let report = runFixture("label_layout")
        #expect(report.outcome == .ok)
        #expect(report.console == [
            "label_t 200 prev 0 iar 8 stack 16 toc 24 cr 32 intpri 40 reg 48 NUMSAVE 19\n",
            "resumed 7 neighbour 5a5a\n",
        ])
    }

    // MARK: - pinu

    @Test("pinu of a kernel global-memory address as UIO_USERSPACE is EFAULT; implicit declarations reach it")
    func pinuKernelAddress() {
        let report = runFixture("pinu_kernel", data: "hello")
        #expect(report.outcome == .ok)
        #expect(report.console == ["user 0 0\n", "kernel as user 14 (EFAULT 14)\n", "kernel as system 0 0\n"])
        #expect(report.events.contains { $0.text.contains("pinu(UIO_USERSPACE) of the kernel global-memory address") })
    }

    // MARK: - Kexts in the Redbook style

    @Test("A K&R kext with implicit declarations, pincode, a pinu system call and i_disable runs as on AIX")
    func realtimeStyle() {
        let report = runFixture("realtime_style", data: "sample")
        #expect(report.outcome == .ok)
        #expect(report.console == ["pin 0\n", "count 1\n", "count 2\n", "unpin 0\n"])
        #expect(report.calls.map(\.service).contains("pincode"))
    }

    // MARK: - Atomic operations and the clock

    @Test("fetch_and_add returns the old value; compare_and_swap swaps on a match, else reports the word")
    func atomicOps() {
        let report = runFixture("atomic_ops")
        #expect(report.outcome == .ok)
        #expect(report.console == ["add: 5 now 8\n", "sub: 8 now -2\n", "cas hit: 1 now 42\n",
                                   "cas miss: 0 now 42 old 42\n"])
        #expect(report.calls.filter { $0.service == "fetch_and_add" }.count == 2)
        #expect(report.calls.filter { $0.service == "compare_and_swap" }.count == 2)
    }

    @Test("curtime reads simulated time, which delay advances by its ticks")
    func curtimeClock() {
        let report = runFixture("curtime_clock")
        #expect(report.outcome == .ok)
        #expect(report.console == ["elapsed 1500 ms, nsec in range 1\n"])
        #expect(report.calls.filter { $0.service == "curtime" }.count == 2)
    }

    @Test("errsave records the entry's error id, resource and detail length in the timeline")
    func errsaveEntry() {
        let report = runFixture("errsave_entry")
        #expect(report.outcome == .ok)
        #expect(report.events.contains {
            $0.text == "error log: id 0xBEEF0001 from \"mydd0\", 4 bytes of detail data"
        })
        #expect(report.calls.filter { $0.service == "errsave" }.count == 1)
    }

    // MARK: - Heaps

    @Test("init_heap accepts pages of kernel_heap, a vm_galloc region and a private heap; a stack area is a loud NULL")
    func initHeapAreas() {
        let report = runFixture("init_heap_areas")
        #expect(report.outcome == .ok)
        #expect(report.console == ["kernel_heap pages: heap, xmalloc ok\n", "vm_galloc region: heap, xmalloc ok\n",
                                   "private heap pages: heap, xmalloc ok\n", "stack array: no heap\n"])
        #expect(report.results(of: "init_heap").filter { $0 != 0 }.count == 3)
        #expect(report.calls.last { $0.service == "init_heap" }?.detail?.contains("not implemented") == true)
        #expect(report.events.contains { $0.text.contains("is not global memory") && $0.text.contains("AIX allows") })
    }

    @Test("heap_create is refused as AIX 6.1's: the import names init_heap, the header makes it a compile error")
    func heapCreateRefused() {
        let implicit = runFixture("heap_create_implicit")
        #expect(implicit.outcome == .loadError)
        #expect(implicit.error?.contains("heap_create → init_heap (heap_create is AIX 6.1's") == true)
        let declared = runFixture("heap_create_header")
        #expect(declared.outcome == .loadError)
        #expect(declared.diagnostics?.contains("'heap_create' is unavailable") == true
            || declared.diagnostics?.contains("‘heap_create’ is unavailable") == true)
        #expect(declared.diagnostics?.contains("init_heap(area, size, NULL)") == true)
    }

    // MARK: - Old drivers' names: pidsig, BUSIO_ATT, INT_TIMLVL, errno, TRCHKLnT

    @Test("pidsig posts to the configuring process, reaches nobody for another pid; errno and INT_TIMLVL compile")
    func pidsigAndOldNames() {
        let report = runFixture("busio_signal", data: "signal")
        #expect(report.outcome == .ok)
        #expect(report.console == ["INT_TIMLVL 62, INTTIMER 5, errno 0\n"])
        let notes = report.events.map(\.text).filter { $0.hasPrefix("signal ") }
        #expect(notes == ["signal SIGUSR1 (30) posted to process 20142",
                          "signal SIGUSR2 (31) to process 4242, which does not exist: nobody receives it"])
    }

    @Test("BUSIO_ATT reaches io_att, which stops the run saying aixsim has no I/O bus")
    func busioAttRefused() throws {
        let report = runFixture("busio_signal", data: "bus")
        let crash = try #require(report.crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.message == "io_att(0x820C0020): aixsim simulates no I/O bus, so bus I/O space cannot be mapped")
        #expect(report.calls.last?.service == "io_att")
        #expect(crash.rule?.contains("limit of aixsim") == true, "the generic environment rule does not fit")
        #expect(!report.console.contains { $0.hasPrefix("mapped at") })
    }
}
