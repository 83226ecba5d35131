import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Every C test kext states its outcome on its first line (Tests/Kexts/README.md); loading it
/// as that line says must give that outcome.
@Suite("C test kexts: each first line states the outcome it gets")
struct FixtureExpectationTests {
    /// What a first line promises.
    struct Expectation: Equatable {
        var outcome: String
        var kinds: Set<String>
        var options: [String]
        var dependsOnData: Bool

        static let prefix = "/* expect: "

        init?(firstLine: String) {
            guard firstLine.hasPrefix(Self.prefix), firstLine.hasSuffix(" */") else { return nil }
            let body = String(firstLine.dropFirst(Self.prefix.count).dropLast(3))
            dependsOnData = body == "depends on --data; see below"
            let parts = body.components(separatedBy: "; with ")
            guard parts.count <= 2 else { return nil }
            let words = parts[0].split(separator: " ").map(String.init)
            outcome = words.first ?? ""
            kinds = Set(words.dropFirst())
            options = parts.count == 2 ? parts[1].split(separator: " ").map(String.init) : []
        }

        /// Whether the words are the report's own spellings.
        var isWellFormed: Bool {
            if dependsOnData { return true }
            switch outcome {
            case "ok", "load-error", "entry-failed", "compile-error": return kinds.isEmpty
            case "crash": return kinds.count == 1 && kinds.allSatisfy { Crash.Kind(rawValue: $0) != nil }
            case "findings": return !kinds.isEmpty && kinds.allSatisfy { Finding.Kind(rawValue: $0) != nil }
            default: return false
            }
        }
    }

    static let names = Fixture.sources.keys.sorted()

    static func expectation(of name: String) throws -> Expectation? {
        let text = try String(contentsOfFile: Fixture.path(name), encoding: .utf8)
        return Expectation(firstLine: String(text.prefix { $0 != "\n" }))
    }

    @Test("The first-line grammar reads outcome, kinds and options")
    func grammar() throws {
        let e = try #require(Expectation(firstLine: "/* expect: findings leak timer-active; with --run-for 1ms */"))
        #expect(e.outcome == "findings" && e.kinds == ["leak", "timer-active"] && e.options == ["--run-for", "1ms"])
        #expect(e.isWellFormed && !e.dependsOnData)
        #expect(Expectation(firstLine: "/* expect: crash dsi */")?.isWellFormed == true)
        #expect(Expectation(firstLine: "/* expect: crash segfault */")?.isWellFormed == false)
        #expect(Expectation(firstLine: "/* expect: fine */")?.isWellFormed == false)
        #expect(Expectation(firstLine: "/* A kext. */") == nil)
        #expect(Expectation(firstLine: "/* expect: depends on --data; see below */")?.dependsOnData == true)
    }

    @Test("There are test kexts, and every one opens with a well-formed expect line")
    func everyFixtureHasOne() throws {
        #expect(Self.names.count >= 45)
        for name in Self.names {
            let e = try #require(try Self.expectation(of: name), "\(name).c's first line is not /* expect: … */")
            #expect(e.isWellFormed, "\(name).c: \(e)")
        }
    }

    @Test("Loaded as its first line says, each kext gets that outcome", arguments: names)
    func outcome(name: String) throws {
        let e = try #require(try Self.expectation(of: name))
        if e.dependsOnData {
            let text = try String(contentsOfFile: Fixture.path(name), encoding: .utf8)
            #expect(text.contains("--data"), "\(name).c says it depends on --data but never says how")
            return
        }
        let r = try AIXSimCommand.run(["load", Fixture.path(name), "--entry", "\(name)_entry", "--json"] + e.options)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                                  "\(name): no JSON report; stderr: \(r.stderr)")
        let outcome = report["outcome"] as? String
        let crash = (report["crash"] as? [String: Any])?["kind"] as? String
        let findings = Set(((report["findings"] as? [[String: Any]]) ?? []).compactMap { $0["kind"] as? String })
        switch e.outcome {
        case "compile-error":
            #expect(outcome == "load-error" && (report["diagnostics"] as? String)?.isEmpty == false, "\(name)")
        case "crash":
            #expect(outcome == "crash" && crash.map { e.kinds == [$0] } == true, "\(name): \(outcome ?? "?") \(crash ?? "")")
        case "findings":
            #expect(outcome == "findings" && findings == e.kinds, "\(name): \(outcome ?? "?") \(findings.sorted())")
        default:
            #expect(outcome == e.outcome, "\(name): \(outcome ?? "?") \(crash ?? "") \(findings.sorted())")
        }
    }
}
