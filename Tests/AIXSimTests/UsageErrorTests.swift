import Foundation
import Testing
import KextFixtures

/// Usage errors as a script sees them: exit 64, one line on stderr, a JSON error under --json.
@Suite("aixsim usage errors", .serialized)
struct UsageErrorTests {
    static func scenario(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appending(path: "aixsim-scenario-\(getpid())-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A bad option value exits 64, not a load error's 1")
    func badOption() throws {
        let r = try AIXSimCommand.run(["load", "hello", "--interrupt", "five"])
        #expect(r.status == 64)
        #expect(r.stderr.hasPrefix("aixsim: ") && r.stderr.contains("--interrupt"))
        #expect(r.stdout.isEmpty)
        let load = try AIXSimCommand.run(["load", "no_such_sample"])
        #expect(load.status == 1, "a load error keeps its own status")
    }

    @Test("Under --json a usage error is one JSON document on stdout", arguments: [
        ["load", "hello", "--json", "--galloc-heap", "lots"],
        ["load", "hello", "--json", "--fail", "nonsense"],
        ["load", "--json"],
    ])
    func json(arguments: [String]) throws {
        let r = try AIXSimCommand.run(arguments)
        #expect(r.status == 64)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "\(r.stdout)")
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["kind"] as? String == "usage")
        #expect((error["message"] as? String)?.isEmpty == false)
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("A mistyped subcommand is named with the nearest one")
    func didYouMean() throws {
        let r = try AIXSimCommand.run(["lod", "hello"])
        #expect(r.status == 64)
        #expect(r.stderr == "aixsim: unknown subcommand 'lod'; did you mean 'load'?\n")
        let stres = try AIXSimCommand.run(["strss"])
        #expect(stres.stderr.contains("did you mean 'stress'?"))
        let far = try AIXSimCommand.run(["frobnicate"])
        #expect(far.status == 64 && far.stderr.hasPrefix("aixsim: unknown subcommand 'frobnicate'") && !far.stderr.contains("did you mean"))
    }

    @Test("A scenario's unknown key or wrong type is a usage error naming the key", arguments: [
        (#"{"interupts": []}"#, #"unknown key "interupts" (did you mean "interrupts"?)"#),
        (#"{"runFor": 20}"#, #""runFor" must be a string like "20ms""#),
        (#"{"interrupts": [{"level": 5, "cout": 2}]}"#, #"unknown key "interrupts[0].cout" (did you mean "interrupts[0].count"?)"#),
        (#"{"interrupts": [{"level": "five"}]}"#, #""interrupts[0].level" must be a whole number"#),
        (#"{"fail": "xmalloc:nth=1"}"#, #""fail" must be a list of strings"#),
        (#"{"zzz": 1}"#, #"unknown key "zzz""#),
    ])
    func scenario(json: String, message: String) throws {
        let path = try Self.scenario(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try AIXSimCommand.run(["load", "hello", "--scenario", path])
        #expect(r.status == 64)
        let name = URL(fileURLWithPath: path).lastPathComponent
        #expect(r.stderr.hasPrefix("aixsim: \(name): \(message)"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("A valid scenario still runs")
    func validScenario() throws {
        let path = try Self.scenario(#"{"data": "x", "runFor": "5ms", "interrupts": [{"level": 5, "at": "1ms", "count": 2}]}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try AIXSimCommand.run(["load", "hello", "--scenario", path])
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("--inspect writes a large region's page map as runs whose counts add up to its pages")
    func inspectRuns() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("big_region"), "--entry", "big_region_entry", "--inspect"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let header = try #require(lines.firstIndex { $0.contains("1024 pages,") }, "\(r.stdout)")
        let map = lines[header + 1]
        #expect(map.contains("[C .×499 C .×522 C]"), "\(map)")
        #expect(map.count < 160, "a 4 MB region fits on one line")
        #expect(lines[header + 2].trimmingCharacters(in: .whitespaces) == "1024 pages: 1021 ., 3 C")
        // Small regions keep their literal map.
        let hello = try AIXSimCommand.run(["load", "hello", "--inspect"])
        #expect(hello.stdout.contains("pages [C.]"))
    }
}
