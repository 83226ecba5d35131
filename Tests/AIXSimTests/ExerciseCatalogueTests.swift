import Foundation
import Kernel
import Testing
@testable import aixsim

/// The graded exercises in kext-samples/exercises: each broken kext states its outcome on its
/// first line, `aixsim test` holds every one to it, and together they cover every crash and
/// finding kind a report can name, each with a task in docs/exercises/README.md.
@Suite("Exercises", .serialized)
struct ExerciseCatalogueTests {
    static let root = DocsOutputTests.root
    static let folder = root.appending(path: "kext-samples/exercises")

    /// Every exercise, in subfolders too (`student/ring_driver`), as `aixsim test` finds them.
    static func exercises() throws -> [(name: String, expect: String)] {
        try (FileManager.default.subpathsOfDirectory(atPath: folder.path))
            .filter { $0.hasSuffix(".c") }.sorted()
            .map { file in
                let text = try String(contentsOf: folder.appending(path: file), encoding: .utf8)
                return (String(file.dropLast(2)), String(text.prefix { $0 != "\n" }))
            }
    }

    @Test("aixsim test over the exercises: every expectation holds")
    func everyExpectationHolds() throws {
        let count = try Self.exercises().count
        let r = try AIXSimCommand.run(["test", Self.folder.path, "--jobs", "2"])
        #expect(r.status == 0, "\(r.stdout)")
        #expect(r.stdout.split(separator: "\n").last == "\(count) passed, 0 failed", "\(r.stdout)")
    }

    /// Crash kinds no broken kext can honestly teach, each with the reason; the catalogue lists
    /// the same kinds with the same reasons. Every other kind must have an exercise.
    static let exempt: [Crash.Kind: String] = [
        .interrupted: "the person running aixsim pressed Ctrl-C (or sent a termination signal); nothing a kext does",
        .emulatorCorrupted: "aixsim itself died; a kext can cause it only by corrupting aixsim's memory, "
            + "and where such a store lands and when it kills aixsim depends on aixsim's own layout, "
            + "so no exercise would crash the same way from one build to the next",
    ]

    @Test("Every crash kind and every finding kind has an exercise")
    func everyKindHasAnExercise() throws {
        let lines = try Self.exercises().map(\.expect)
        func words(_ line: String) -> [String] {
            let body = line.replacingOccurrences(of: "/* expect:", with: "").replacingOccurrences(of: "*/", with: "")
            let outcome = body.split(separator: ";").first ?? ""
            return outcome.split(separator: " ").map(String.init)
        }
        let crashes = Set(lines.map(words).filter { $0.first == "crash" }.compactMap { $0.dropFirst().first })
        let findings = Set(lines.map(words).filter { $0.first == "findings" }.flatMap { $0.dropFirst() })
        for kind in Crash.Kind.allCases where Self.exempt[kind] == nil {
            #expect(crashes.contains(kind.rawValue), "no exercise crashes with \(kind.rawValue)")
        }
        for kind in Self.exempt.keys {
            #expect(!crashes.contains(kind.rawValue), "\(kind.rawValue) has an exercise now: take it off the exemptions")
        }
        for kind in Finding.Kind.allCases {
            #expect(findings.contains(kind.rawValue), "no exercise reports \(kind.rawValue)")
        }
    }

    @Test("The catalogue lists every exempt kind with its reason")
    func catalogueListsExemptions() throws {
        let catalogue = try String(contentsOf: Self.root.appending(path: "docs/exercises/README.md"), encoding: .utf8)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for (kind, reason) in Self.exempt {
            #expect(catalogue.contains("`\(kind.rawValue)`: \(reason)"), "docs/exercises/README.md does not exempt \(kind.rawValue)")
        }
    }

    @Test("A further kext named on an expect line is found beside the exercise, wherever the run starts")
    func furtherKextBesideTheExercise() throws {
        let source = Self.folder.appending(path: "counter_lib.c")
        let expectation = try #require(try TestExpectation.of(kextAt: source))
        #expect(expectation.options == [Self.folder.appending(path: "counter_user.c").path,
                                        "--unload-order", "counter_lib,counter_user"])
    }

    @Test("The catalogue names every exercise")
    func catalogueNamesEveryExercise() throws {
        let catalogue = try String(contentsOf: Self.root.appending(path: "docs/exercises/README.md"), encoding: .utf8)
        for exercise in try Self.exercises() {
            #expect(catalogue.contains("kext-samples/exercises/\(exercise.name).c"),
                    "docs/exercises/README.md has no task for \(exercise.name)")
        }
    }
}
