import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Kext data named by its variable in reports: locks, lock words, event words and watchdog
/// structures read `kx_lock (ADDRESS)` or `kx_state+0x8 (ADDRESS)`, in the text and, for trace
/// arguments, in a JSON `symbol` field; kexts loaded beside the main one and constructors that
/// fault get source lines like the main kext's entry point. Serialized: the runs share the
/// process's fault-signal handlers.
@Suite("Kext data named by symbol", .serialized)
struct DataNameTests {
    @Test("A lock-order inversion names both locks by variable, one inside a structure, with their addresses once")
    func inversionByName() throws {
        let report = runFixture("lock_names")
        let f = try #require(report.findings.first { $0.kind == .lockOrderInversion })
        let lines = f.message.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let first = try #require(lines.first)
        #expect(first.hasPrefix("possible deadlock: simple lock kx_lock (0x"))
        #expect(first.contains(") and simple lock kx_state+0x8 (0x"))
        #expect(lines[1].contains("takes simple lock kx_lock, then") && lines[1].contains("takes simple lock kx_state+0x8 while holding it"))
        #expect(lines[3].contains("one holds simple lock kx_lock and waits for simple lock kx_state+0x8"))
    }

    @Test("Trace arguments pointing into kext variables carry the variable's name; others carry none")
    func traceArguments() throws {
        let report = runFixture("lock_names")
        func symbol(_ service: String, _ argument: String) -> String? {
            report.calls.first { $0.service == service }?.arguments.first { $0.name == argument }?.symbol
        }
        #expect(symbol("lock_alloc", "lock_addr") == "kx_lock")
        #expect(report.calls.filter { $0.service == "simple_lock" }.compactMap { $0.arguments.first?.symbol }
            == ["kx_lock", "kx_state+0x8", "kx_state+0x8", "kx_lock"])
        #expect(symbol("lockl", "lock_word") == "kx_word")
        #expect(symbol("e_wakeup", "event_word") == "kx_event")
        let lockl = try #require(report.calls.first { $0.service == "lockl" })
        #expect(lockl.arguments.first { $0.name == "flags" }?.symbol == nil)
        #expect(lockl.arguments.first?.value.hasPrefix("0x") == true, "the address stays the value")
    }

    @Test("The text trace and JSON show the name beside the address")
    func commandLine() throws {
        let text = try AIXSimCommand.run(["load", Fixture.path("lock_names")])
        #expect(text.stdout.contains("lockl(lock_word=kx_word (0x"))
        #expect(text.stdout.contains("e_wakeup(event_word=kx_event (0x"))
        let json = try AIXSimCommand.run(["load", Fixture.path("lock_names"), "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let calls = try #require(object["calls"] as? [[String: Any]])
        let wakeup = try #require(calls.first { $0["service"] as? String == "e_wakeup" })
        let argument = try #require((wakeup["arguments"] as? [[String: Any]])?.first)
        #expect(argument["symbol"] as? String == "kx_event")
        #expect((argument["value"] as? String)?.hasPrefix("0x") == true)
    }

    @Test("A lock inside an xmalloc block is named by the allocation and the offset into it")
    func lockInXmallocBlock() {
        let report = runFixture("lock_in_xmalloc")
        #expect(report.outcome == .ok)
        let names = report.calls.filter { $0.service.contains("lock") }.map { $0.arguments.first?.symbol }
        #expect(names == Array(repeating: "xmalloc #1+0x8", count: 5))
        #expect(report.calls.first { $0.service == "lock_alloc" }?.arguments.first?.value == "0xF100000040000008",
                "the value stays the effective address")
    }

    @Test("A watchdog left registered is named by its variable")
    func watchdogByName() throws {
        let report = runFixture("watchdog_unregistered", data: "left")
        let f = try #require(report.findings.first { $0.kind == .timerActive })
        #expect(f.message.hasPrefix("watchdog dog (0x"))
        #expect(report.calls.first { $0.service == "w_init" }?.arguments.first?.symbol == "dog")
    }

    @Test("Each kext loaded beside the main one gets its entry point's source line, in the report and the text")
    func loadedKextsSources() throws {
        var request = LoadRequest(kext: Fixture.path("kx_lib"))
        request.more = [Fixture.path("kx_client")]
        let report = KextRun.run(request)
        let loaded = try #require(report.loaded)
        #expect(loaded.map { $0.source?.function } == ["kx_lib_entry", "kx_client_entry"])
        #expect(loaded.allSatisfy { $0.source?.fileLine != nil && $0.source?.source?.isEmpty == false })
        #expect(loaded[1].source?.fileLine?.hasPrefix("kx_client.c:") == true)
        let r = try AIXSimCommand.run(["load", Fixture.path("kx_lib"), Fixture.path("kx_client")])
        #expect(r.stdout.contains("  kx_client: entry point kx_client_entry at kx_client.c:"))
    }

    /// Through the command line: a fault inside dlopen leaves the dynamic loader's lock held by
    /// the thread it longjmps out of, so the run must not share the test process.
    @Test("A constructor's fault has a source frame: the constructor's line, with its text")
    func constructorFrame() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("ct_ctor_fault"), "--json"])
        #expect(r.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let crash = try #require(object["crash"] as? [String: Any])
        #expect(crash["kind"] as? String == "dsi")
        let frame = try #require((crash["frames"] as? [[String: Any]])?.first)
        #expect(frame["function"] as? String == "ct_ctor_setup")
        #expect(frame["line"] as? Int == 11)
        let target = (frame["source"] as? [[String: Any]])?.first { $0["isTarget"] as? Bool == true }
        #expect((target?["text"] as? String)?.contains("*nowhere = 1;") == true)
        let text = try AIXSimCommand.run(["load", Fixture.path("ct_ctor_fault")])
        #expect(text.stdout.contains("source             ct_ctor_fault.c:11 in ct_ctor_setup"))
    }
}
