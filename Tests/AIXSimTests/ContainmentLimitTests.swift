import Foundation
import Testing
import KextFixtures

/// Per-run limits (simulated time, console output, host memory): a hostile kext ends in a
/// resource-limit report that names the limit, never in a run that goes on for ever. Each run
/// also carries a host-time backstop, so a broken limit fails the test instead of hanging it.
extension ContainmentTests {
    static let backstop = ["--time-limit", "120s"]

    @Test("A timeout that re-arms itself while e_sleep waits ends at the simulated-time limit")
    func simulatedTimeLimit() throws {
        let r = try Self.load("ct_rearm_timeout", ["--sim-time-limit", "2s"] + Self.backstop)
        #expect(r.status == 3 && r.kind == "resource-limit")
        let message = try #require(r.crash["message"] as? String)
        #expect(message.contains("limit of 2 s (--sim-time-limit)"))
        #expect(message.contains("the timeout of again"))
        #expect(r.calls.contains { $0["service"] as? String == "e_sleep" })
    }

    @Test("A printf flood ends at the output limit, and the report keeps the output up to it")
    func outputLimit() throws {
        let r = try Self.load("ct_printf_flood", ["--output-limit", "64K"] + Self.backstop)
        #expect(r.status == 3 && r.kind == "resource-limit")
        #expect((r.crash["message"] as? String)?.contains("64 KB (--output-limit)") == true)
        let console = (r.object["console"] as? [String] ?? []).joined()
        #expect(console.utf8.count == 65536)
        #expect(console.hasPrefix("line 0000000: the quick brown fox"))
    }

    @Test("A kext that allocates and touches memory without end ends at the memory limit")
    func memoryLimit() throws {
        let r = try Self.load("ct_memory_growth", ["--memory-limit", "160M"] + Self.backstop)
        #expect(r.status == 3 && r.kind == "resource-limit")
        #expect((r.crash["message"] as? String)?.contains("past its memory limit of 160 MB") == true)
        #expect((r.crash["explanation"] as? String)?.contains("--memory-limit") == true)
        #expect(r.calls.first?["service"] as? String == "xmalloc")
    }

    @Test("A limit that is not a size or a duration is refused in one line", arguments: [
        ["--sim-time-limit", "forever"], ["--output-limit", "lots"], ["--memory-limit", "0"],
    ])
    func badLimit(option: [String]) throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("ct_spin"), "--entry", "ct_spin_entry"] + option)
        #expect(r.status == 64)
        #expect(r.stderr.contains(option[0]) && r.stdout.isEmpty)
    }
}
