import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import aixsim
import KextFixtures

/// `aixsim test`: the kexts in Tests/RunnerKexts, each with its expect line, run as a user runs them.
///
/// The folder holds five kexts whose expectation holds (ok, crash dsi, findings leak,
/// entry-failed through `; with --data fail`, depends on --data with an `args:` line), one that
/// states a crash it never has, and one that depends on --data with no `args:` (skipped).
@Suite("aixsim test", .serialized)
struct TestCommandTests {
    // Outside Tests/Kexts on purpose: some of these state a wrong expectation or hang, which
    // the fixture-expectation check would (rightly) reject.
    static let folder = Fixture.directory.deletingLastPathComponent().appending(path: "RunnerKexts")
    static func kext(_ name: String) -> String { folder.appending(path: "\(name).c").path }

    /// Runs `aixsim test` over the folder with extra arguments.
    static func runFolder(_ arguments: [String] = []) throws -> AIXSimCommand.Result {
        try AIXSimCommand.run(["test", folder.path, "--jobs", "2"] + arguments)
    }

    /// A temporary folder holding a copy of a testrunner kext and a sidecar NAME.expect.
    static func sidecarCopy(of name: String, as copyName: String, expect: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appending(path: "aixsim-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: URL(fileURLWithPath: kext(name)),
                                         to: directory.appending(path: "\(copyName).c"))
        try expect.write(to: directory.appending(path: "\(copyName).expect"), atomically: true, encoding: .utf8)
        return directory
    }

    // MARK: - Text

    @Test("Text: one line per kext, the summary, and exit 1 because one expectation failed")
    func text() throws {
        let r = try Self.runFolder()
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        func line(_ name: String) -> String? { lines.first { $0.contains("/\(name).c") } }
        for name in ["tr_ok", "tr_null_store", "tr_leak", "tr_with", "tr_data"] {
            #expect(line(name)?.hasPrefix("ok ") == true, "\(name): \(line(name) ?? "no line")")
        }
        #expect(line("tr_null_store")?.contains("crash dsi") == true)
        #expect(line("tr_leak")?.contains("findings leak") == true)
        #expect(line("tr_with")?.contains("entry-failed") == true)
        #expect(line("tr_wrong")?.hasPrefix("FAIL") == true)
        #expect(line("tr_wrong")?.contains("expected crash dsi, got ok") == true)
        #expect(line("tr_spin")?.hasPrefix("SKIP") == true)
        #expect(line("tr_spin")?.contains("no expectation to check") == true)
        #expect(lines.contains { $0.contains("reproduce:") && $0.contains(" load ") && $0.hasSuffix("tr_wrong.c") })
        #expect(lines.last == "5 passed, 1 failed, 1 skipped")
        // Not a terminal: progress comes as plain lines on stderr.
        #expect(r.stderr.contains("[7/7]"))
    }

    @Test("Every expectation held: exit 0 and a summary with no failures")
    func allPass() throws {
        let r = try AIXSimCommand.run(["test", Self.kext("tr_ok"), Self.kext("tr_leak"), Self.kext("tr_ok")])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        // The same file given twice runs once.
        #expect(r.stdout.split(separator: "\n").last == "2 passed, 0 failed")
    }

    @Test("Bad arguments are usage errors with one line on stderr")
    func usage() throws {
        let jobs = try AIXSimCommand.run(["test", "--jobs", "0", Self.folder.path])
        #expect(jobs.status == 64 && jobs.stderr.contains("--jobs") && jobs.stdout.isEmpty)
        let missing = try AIXSimCommand.run(["test", "/nonexistent/kexts"])
        #expect(missing.status == 64 && missing.stderr.contains("/nonexistent/kexts"))
        let both = try AIXSimCommand.run(["test", "--json", "--format", "ktap", Self.folder.path])
        #expect(both.status == 64 && both.stdout.isEmpty)
    }

    // MARK: - JSON

    @Test("--json: one JSON document on stdout with the summary and each result")
    func json() throws {
        let r = try Self.runFolder(["--json"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["passed"] as? Int == 5 && summary["failed"] as? Int == 1 && summary["skipped"] as? Int == 1)
        let results = try #require(object["results"] as? [[String: Any]])
        #expect(results.count == 7)
        func result(_ name: String) -> [String: Any]? {
            results.first { ($0["name"] as? String)?.hasSuffix("/\(name).c") == true }
        }
        let wrong = try #require(result("tr_wrong"))
        #expect(wrong["verdict"] as? String == "failed")
        #expect(wrong["expected"] as? String == "crash dsi" && wrong["actual"] as? String == "ok")
        #expect((wrong["reproduce"] as? String)?.hasSuffix("load \(Self.kext("tr_wrong"))") == true)
        #expect(result("tr_leak")?["actual"] as? String == "findings leak")
        #expect(result("tr_spin")?["verdict"] as? String == "skipped")
        // The expect line's options reach the worker and the reproduction.
        #expect((result("tr_with")?["reproduce"] as? String)?.hasSuffix("--data fail") == true)
        #expect((result("tr_data")?["reproduce"] as? String)?.hasSuffix("--data 'two words'") == true)
        // Under --json nothing else is printed, progress included.
        #expect(r.stderr.isEmpty)
    }

    @Test("A kext that never returns is killed at --timeout and becomes a hang with its reproduction")
    func hang() throws {
        let directory = try Self.sidecarCopy(of: "tr_spin", as: "tr_spin", expect: "expect: ok\nargs: --data spin\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = Date()
        let r = try AIXSimCommand.run(["test", directory.path, "--timeout", "2", "--json"])
        #expect(Date().timeIntervalSince(start) < 30)
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let result = try #require((object["results"] as? [[String: Any]])?.first)
        #expect(result["verdict"] as? String == "failed")
        #expect(result["timedOut"] as? Bool == true)
        #expect((result["actual"] as? String)?.hasPrefix("hang") == true)
        #expect((result["reproduce"] as? String)?.hasSuffix("tr_spin.c --data spin") == true)
    }

    // MARK: - KTAP

    /// A KTAP version 1 reader with kunit_tool's rules for a flat list: header, plan, results
    /// numbered from 1 in order, `# ` diagnostics anywhere, `# SKIP` directives.
    struct KTAP {
        struct Result: Equatable {
            let ok: Bool
            let number: Int
            let name: String
            let skip: Bool
        }

        struct Malformed: Error { let line: String }

        var plan = 0
        var results: [Result] = []
        var diagnostics: [String] = []

        init(_ text: String) throws {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            guard lines.first == "KTAP version 1" else { throw Malformed(line: lines.first ?? "") }
            guard lines.count > 1, lines[1].hasPrefix("1.."), let plan = Int(lines[1].dropFirst(3)) else {
                throw Malformed(line: lines.count > 1 ? lines[1] : "")
            }
            self.plan = plan
            for line in lines.dropFirst(2) {
                if line.hasPrefix("# ") {
                    diagnostics.append(String(line.dropFirst(2)))
                    continue
                }
                let ok = line.hasPrefix("ok ")
                guard ok || line.hasPrefix("not ok ") else { throw Malformed(line: line) }
                let rest = line.dropFirst(ok ? 3 : 7)
                let number = rest.prefix { $0.isNumber }
                guard let n = Int(number), n == results.count + 1, rest.dropFirst(number.count).first == " " else {
                    throw Malformed(line: line)
                }
                let description = rest.dropFirst(number.count + 1)
                let parts = description.components(separatedBy: " # ")
                guard parts.count <= 2 else { throw Malformed(line: line) }
                let skip = parts.count == 2 && parts[1].hasPrefix("SKIP")
                results.append(Result(ok: ok, number: n, name: parts[0], skip: skip))
            }
            guard results.count == plan else { throw Malformed(line: "plan \(plan), \(results.count) results") }
        }
    }

    @Test("--format ktap: KTAP version 1 with a plan, numbered results, SKIP and diagnostics")
    func ktap() throws {
        let r = try Self.runFolder(["--format", "ktap"])
        #expect(r.status == 1)
        let ktap = try KTAP(r.stdout)
        #expect(ktap.plan == 7)
        func result(_ name: String) -> KTAP.Result? { ktap.results.first { $0.name.hasSuffix("/\(name).c") } }
        #expect(result("tr_wrong")?.ok == false)
        #expect(result("tr_spin").map { $0.ok && $0.skip } == true)
        #expect(ktap.results.filter { $0.ok && !$0.skip }.count == 5)
        #expect(ktap.diagnostics.contains { $0.contains("expected crash dsi, got ok") })
        #expect(ktap.diagnostics.last == "5 passed, 1 failed, 1 skipped")
    }

    @Test("The KTAP reader refuses what kunit_tool would")
    func ktapReader() {
        #expect(throws: KTAP.Malformed.self) { try KTAP("TAP version 13\n1..1\nok 1 a\n") }
        #expect(throws: KTAP.Malformed.self) { try KTAP("KTAP version 1\n1..2\nok 1 a\n") }
        #expect(throws: KTAP.Malformed.self) { try KTAP("KTAP version 1\n1..1\nok 2 a\n") }
        #expect(throws: KTAP.Malformed.self) { try KTAP("KTAP version 1\n1..1\nfine 1 a\n") }
        #expect((try? KTAP("KTAP version 1\n1..1\n# note\nnot ok 1 a\n"))?.results.first?.ok == false)
    }

    // MARK: - JUnit

    struct JUnitCase {
        let name: String
        let failure: String?
        let skipped: Bool
    }

    /// Parses JUnit XML with Foundation's XML parser; nil when it is not well-formed.
    static func junitCases(_ xml: String) throws -> (suite: [String: String], cases: [JUnitCase]) {
        let document = try XMLDocument(xmlString: xml, options: [])
        let suite = try #require(try document.nodes(forXPath: "/testsuites/testsuite").first as? XMLElement)
        var attributes: [String: String] = [:]
        for attribute in suite.attributes ?? [] { attributes[attribute.name ?? ""] = attribute.stringValue }
        let cases = suite.elements(forName: "testcase").map { element in
            JUnitCase(name: element.attribute(forName: "name")?.stringValue ?? "",
                      failure: element.elements(forName: "failure").first?.attribute(forName: "message")?.stringValue,
                      skipped: !element.elements(forName: "skipped").isEmpty)
        }
        return (attributes, cases)
    }

    @Test("--format junit: well-formed XML with the right counts, failure and skipped")
    func junit() throws {
        let r = try Self.runFolder(["--format", "junit"])
        #expect(r.status == 1)
        let (suite, cases) = try Self.junitCases(r.stdout)
        #expect(suite["tests"] == "7" && suite["failures"] == "1" && suite["skipped"] == "1" && suite["errors"] == "0")
        #expect(cases.count == 7)
        #expect(cases.filter { $0.failure != nil }.map(\.name) == [Self.kext("tr_wrong")])
        #expect(cases.first { $0.name == Self.kext("tr_wrong") }?.failure == "expected crash dsi, got ok")
        #expect(cases.filter(\.skipped).map(\.name) == [Self.kext("tr_spin")])
    }

    @Test("A sidecar NAME.expect wins over the first comment, and JUnit escapes a name with markup")
    func sidecarAndEscaping() throws {
        // tr_ok.c's own line says ok; the sidecar says crash, so the run must fail.
        let directory = try Self.sidecarCopy(of: "tr_ok", as: "a&<b>",
                                             expect: "/* expect: crash dsi\n * args: --entry tr_ok_entry */\n")
        defer { try? FileManager.default.removeItem(at: directory) }
        let r = try AIXSimCommand.run(["test", directory.path, "--format", "junit"])
        #expect(r.status == 1)
        let (suite, cases) = try Self.junitCases(r.stdout)
        #expect(suite["failures"] == "1")
        #expect(cases.first?.name == directory.appending(path: "a&<b>.c").path)
        #expect(cases.first?.failure == "expected crash dsi, got ok")
    }

    // MARK: - Expect lines

    @Test("Expect lines: both spellings, options, sidecar forms, and what is refused")
    func expectLines() throws {
        func read(_ text: String) throws -> TestExpectation? {
            try TestExpectation.parse(lines: TestExpectation.firstCommentLines(text))
        }
        #expect(try read("/* expect: ok */\nint x;") == TestExpectation(claim: .outcome(.ok), options: []))
        #expect(try read("/* expect: findings leak timer-active; with --run-for 1ms */")
            == TestExpectation(claim: .outcome(.findings([.leak, .timerActive])), options: ["--run-for", "1ms"]))
        #expect(try read("/* expect: findings leak,xmalloc-double-free\n   args: --data 'a b' --real-memory 32K */")
            == TestExpectation(claim: .outcome(.findings([.leak, .xmallocDoubleFree])),
                               options: ["--data", "a b", "--real-memory", "32K"]))
        #expect(try read("/* expect: crash environment-violation */")?.claim == .outcome(.crash(.environmentViolation)))
        #expect(try read("/* expect: init-failed */")?.claim == .outcome(.entryFailed))
        #expect(try read("/* expect: term-failed */")?.claim == .outcome(.findings([.termFailed])))
        #expect(try read("/* expect: compile-error */")?.claim == .outcome(.compileError))
        #expect(try read("/* expect: depends on --data; see below */")?.claim == .dependsOnData)
        #expect(try read("/* expect: depends on --data */\n/* args: --data x */")?.options == ["--data", "x"])
        #expect(try read("/* A kext with no expect line. */") == nil)
        #expect(try read("#include <sys/types.h>\n/* expect: ok */") == nil)
        #expect(throws: TestExpectation.Unreadable.self) { try read("/* expect: crash segfault */") }
        #expect(throws: TestExpectation.Unreadable.self) { try read("/* expect: findings */") }
        #expect(throws: TestExpectation.Unreadable.self) { try read("/* expect: fine */") }
        #expect(throws: TestExpectation.Unreadable.self) { try read("/* expect: ok; with --data \"open */") }
        // A sidecar may be bare lines.
        #expect(try TestExpectation.parse(lines: TestExpectation.commentLines("expect: load-error\nargs: --entry e\n"))
            == TestExpectation(claim: .outcome(.loadError), options: ["--entry", "e"]))
    }

    @Test("A run's ending is read from the exit status and the JSON, and a dead worker is a result")
    func observations() {
        func observe(_ ending: TestWorker.Ending, _ json: String = "") -> RunObservation {
            RunObservation(TestWorker.Output(ending: ending, stdout: Data(json.utf8), stderr: Data(), seconds: 0),
                           timeout: 5)
        }
        #expect(observe(.exited(3), #"{"outcome":"crash","crash":{"kind":"dsi"}}"#) == .outcome(.crash(.dsi)))
        #expect(observe(.exited(4), #"{"outcome":"findings","findings":[{"kind":"leak"},{"kind":"leak"}]}"#)
            == .outcome(.findings([.leak])))
        #expect(observe(.exited(1), #"{"outcome":"load-error","diagnostics":"x.c:1: error"}"#) == .outcome(.compileError))
        #expect(observe(.exited(1), #"{"outcome":"load-error","error":"no such file"}"#) == .outcome(.loadError))
        #expect(observe(.exited(2), #"{"outcome":"entry-failed"}"#) == .outcome(.entryFailed))
        // A report with a kind this runner does not know is no report it can judge.
        #expect(observe(.exited(3), #"{"outcome":"crash","crash":{"kind":"meteor"}}"#) == .noReport(exitStatus: 3))
        #expect(observe(.exited(0), "Outcome: ok.") == .noReport(exitStatus: 0))
        #expect(observe(.signalled(SIGSEGV)).spelling == "killed by SIGSEGV")
        #expect(observe(.timedOut) == .hang(seconds: 5))
        #expect(observe(.notStarted("no such file")).isWorkerFailure)
    }

    @Test("load-error accepts a compile error; nothing else stands in for another outcome")
    func outcomeMatching() {
        #expect(KextOutcome.loadError.isMet(by: .compileError))
        #expect(!KextOutcome.compileError.isMet(by: .loadError))
        #expect(!KextOutcome.findings([.leak]).isMet(by: .findings([.leak, .timerActive])))
        #expect(KextOutcome.findings([.leak, .timerActive]).isMet(by: .findings([.timerActive, .leak])))
        #expect(!KextOutcome.crash(.dsi).isMet(by: .crash(.watchdog)))
    }
}
