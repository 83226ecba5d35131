import Foundation
import Testing
import KextFixtures

/// The aixsim executable, run as a user runs it: exit statuses, stderr, JSON.
@Suite("aixsim command line", .serialized)
struct CommandLineTests {
    @Test("load hello exits 0 and prints the report")
    func hello() throws {
        let r = try AIXSimCommand.run(["load", "hello"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("vm_galloc(type=V_WORKING, size=6000"))
        #expect(r.stdout.contains("Outcome: ok."))
    }

    @Test("--json prints one JSON object with the documented fields")
    func json() throws {
        let r = try AIXSimCommand.run(["load", "hello", "--json"])
        #expect(r.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "ok")
        let entry = try #require(object["entry"] as? [String: Any])
        #expect(entry["init"] as? Int == 0 && entry["term"] as? Int == 0)
        let calls = try #require(object["calls"] as? [[String: Any]])
        #expect(calls.first?["service"] as? String == "vm_galloc")
        #expect(calls.first?["result"] as? Int == 0)
        #expect(calls.first?["arguments"] != nil)
        #expect(object["findings"] as? [Any] != nil)
    }

    @Test("A crash exits 3 with crash.kind, ea, access and message in the JSON")
    func crash() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("use_after_free"), "--entry", "use_after_free_entry", "--json"])
        #expect(r.status == 3)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let crash = try #require(object["crash"] as? [String: Any])
        #expect(crash["kind"] as? String == "dsi")
        #expect(crash["ea"] as? String == "0xF100000040000064")
        #expect(crash["access"] as? String == "store")
        #expect((crash["message"] as? String)?.hasPrefix("DSI: store to") == true)
    }

    @Test("Leaks exit 4 with findings carrying kind, ea and size")
    func findings() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("leak"), "--entry", "leak_entry", "--json"])
        #expect(r.status == 4)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.first?["kind"] as? String == "leak")
        #expect(findings.first?["size"] as? Int == 12288)
        #expect(findings.first?["ea"] as? String == "0xF100000040000000")
    }

    @Test("A failing CFG_INIT exits 2")
    func entryFailed() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("init_fails"), "--entry", "init_fails_entry"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("EBUSY"))
    }

    @Test("Load errors exit 1 with one line on stderr and no backtrace", arguments: [
        ["load", "/nonexistent/kext.c"],
        ["load", "no_such_sample"],
        ["load", "/etc/hostname.so"],
    ])
    func loadErrors(arguments: [String]) throws {
        let r = try AIXSimCommand.run(arguments)
        #expect(r.status == 1)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("aixsim: ") == true, "\(r.stderr)")
    }

    @Test("A compile failure shows the compiler's diagnostics after the one-line error")
    func compileFailure() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("compile_error"), "--entry", "compile_error_entry"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("aixsim: "))
        #expect(r.stderr.contains("this_is_not_declared"))
    }

    @Test("Bad option values are usage errors")
    func usage() throws {
        for arguments in [["load", "hello", "--galloc-heap", "lots"], ["load"], ["lod", "hello"]] {
            let r = try AIXSimCommand.run(arguments)
            #expect(r.status == 64, "\(arguments)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.hasPrefix("aixsim: "), "\(r.stderr)")
        }
        let first = try AIXSimCommand.run(["load", "hello", "--galloc-heap", "lots"])
        #expect(first.stderr.contains("--galloc-heap"))
    }

    @Test("services lists every export with its header and environment")
    func services() throws {
        let r = try AIXSimCommand.run(["services"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("<sys/vmuser.h>"))
        #expect(r.stdout.contains("int vm_galloc(int type, vmsize_t size, ulong *eaddr);"))
        #expect(r.stdout.contains("process environment only"))
    }
}
