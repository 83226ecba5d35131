import Foundation
import Testing
@testable import Kernel

/// The student's four kexts (kext-samples/exercises/student), written from the course alone:
/// each report must give the fix by itself: the kind, the file and line of the `/* BUG */` line
/// (in text and JSON), the source line shown, and the explanation of what went wrong.
@Suite("The student's four kexts", .serialized)
struct StudentKextTests {
    static let folder = DocsOutputTests.root.appending(path: "kext-samples/exercises/student")

    struct Student: CustomTestStringConvertible, Sendable {
        let name: String
        let options: [String]
        let kind: Crash.Kind
        let function: String
        /// Words of the report's explanation or message that say what to fix.
        let telling: [String]
        var testDescription: String { name }
    }

    static let students: [Student] = [
        Student(name: "ring_driver", options: ["--interrupt", "3"], kind: .dsi, function: "on_interrupt",
                telling: ["page fault in the interrupt environment", "which is not pinned",
                          "Pin the memory (pin, or xmalloc from pinned_heap)"]),
        Student(name: "big_table", options: ["--data", "42"], kind: .dsi, function: "big_table_entry",
                telling: ["page fault with interrupts disabled to INTMAX", "only 1 of its 4 pages is pinned",
                          "a length in entries, not bytes?"]),
        Student(name: "timers_sleep", options: [], kind: .watchdog, function: "timers_sleep_entry",
                telling: ["e_sleep on", "can never end", "an e_wakeup that ran before the e_sleep",
                          "no thread sleeps on it; the wakeup is lost"]),
        Student(name: "buggy", options: [], kind: .dsi, function: "buggy_entry",
                telling: ["store to", "at the first byte past the end of the 4 KB region",
                          "the first byte past the end of xmalloc allocation #1 (4096 bytes"]),
    ]

    /// The file's `/* BUG */` line: its number and text.
    static func bugLine(of name: String) throws -> (number: Int, text: String) {
        let source = try String(contentsOf: folder.appending(path: "\(name).c"), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains("/* BUG */") }, "\(name).c has no BUG marker")
        #expect(lines.filter { $0.contains("/* BUG */") }.count == 1, "one mistake per kext")
        return (index + 1, String(lines[index]))
    }

    @Test("Each report names the kind, the BUG line and the fix", arguments: students)
    func reportGivesTheFix(student: Student) throws {
        let path = Self.folder.appending(path: "\(student.name).c").path
        let bug = try Self.bugLine(of: student.name)
        let text = try AIXSimCommand.run(["load", path] + student.options)
        #expect(text.status == 3, "\(text.stdout)")
        let out = text.stdout
        #expect(out.contains("*** SYSTEM CRASH (\(student.kind.rawValue)) ***"))
        #expect(out.contains("source             \(student.name).c:\(bug.number) in \(student.function)"), "\(out)")
        #expect(out.contains(">" + String(repeating: " ", count: 6 - String(bug.number).count) + "\(bug.number) | \(bug.text)"))
        #expect(out.contains("(\(student.name).c:\(bug.number))"), "the at line names the file and line")
        let explanation = KindExplanation.of(student.kind)
        #expect(out.contains("AIX rule: \(explanation.rule)") && out.contains("Fix: \(explanation.fix)"))
        let unwrapped = out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for words in student.telling { #expect(unwrapped.contains(words), "\(student.name): no “\(words)”") }

        let json = try AIXSimCommand.run(["load", "--json", path] + student.options)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let crash = try #require(object["crash"] as? [String: Any])
        #expect(crash["kind"] as? String == student.kind.rawValue)
        let frame = try #require((crash["frames"] as? [[String: Any]])?.first)
        #expect(frame["line"] as? Int == bug.number)
        #expect(frame["function"] as? String == student.function)
        #expect((frame["file"] as? String)?.hasSuffix("student/\(student.name).c") == true)
    }

    @Test("A timer handler's e_wakeup before a hung e_sleep returned: only the sleep is open")
    func onlyTheSleepIsOpen() throws {
        let path = Self.folder.appending(path: "timers_sleep.c").path
        let json = try AIXSimCommand.run(["load", "--json", path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let calls = try #require(object["calls"] as? [[String: Any]])
        let open = calls.filter { $0["neverReturned"] as? Bool == true }.compactMap { $0["service"] as? String }
        #expect(open == ["e_sleep"])
        #expect(calls.contains { $0["service"] as? String == "e_wakeup" && $0["context"] != nil })
    }
}
