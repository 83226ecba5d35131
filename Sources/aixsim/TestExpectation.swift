import Foundation
import Kernel

/// What a run of `aixsim load` ended with, in the words an expectation uses: the report's
/// outcome plus the crash kind or the set of finding kinds.
enum KextOutcome: Equatable, Sendable {
    case ok
    /// CFG_INIT returned non-zero.
    case entryFailed
    case loadError
    /// A load error that carries the compiler's diagnostics.
    case compileError
    case crash(Crash.Kind)
    /// Every finding kind the run reported, as a set.
    case findings(Set<Finding.Kind>)

    /// How an expect line and the text report spell it: `crash dsi`, `findings leak xmalloc-leak`.
    var spelling: String {
        switch self {
        case .ok: "ok"
        case .entryFailed: "entry-failed"
        case .loadError: "load-error"
        case .compileError: "compile-error"
        case .crash(let kind): "crash \(kind.rawValue)"
        case .findings(let kinds): (["findings"] + kinds.map(\.rawValue).sorted()).joined(separator: " ")
        }
    }

    /// Whether a run that ended as `actual` meets this expectation. A compile error is a kind of
    /// load error, so `load-error` accepts it; the converse does not hold.
    func isMet(by actual: KextOutcome) -> Bool {
        self == actual || (self == .loadError && actual == .compileError)
    }
}

/// What a kext says it should do: its first comment's first line (or a sidecar `NAME.expect`),
/// and the `aixsim load` options to run it with.
///
/// Both spellings in use are read: `/* expect: findings leak timer-active; with --run-for 1ms */`
/// and `/* expect: findings leak,timer-active` followed by a line `args: --run-for 1ms`.
/// `init-failed` is read as `entry-failed` and `term-failed` as `findings term-failed`.
struct TestExpectation: Equatable, Sendable {
    enum Claim: Equatable, Sendable {
        case outcome(KextOutcome)
        /// The kext's outcome is the point of varying `--data`: without options naming the data,
        /// there is nothing to check.
        case dependsOnData
    }

    var claim: Claim
    /// `aixsim load` options the run needs.
    var options: [String]

    /// Why an expect line could not be read.
    struct Unreadable: Error, Equatable, CustomStringConvertible {
        let line: String
        let reason: String
        var description: String { "unreadable expectation '\(line)': \(reason)" }
    }

    /// The expectation of the kext at `source`: its sidecar `NAME.expect` if there is one, else
    /// its first comment; nil when neither states one.
    static func of(kextAt source: URL) throws -> TestExpectation? {
        let sidecar = source.deletingPathExtension().appendingPathExtension("expect")
        let read: TestExpectation?
        if let text = try? String(contentsOf: sidecar, encoding: .utf8) {
            read = try parse(lines: commentLines(text))
        } else {
            read = try parse(lines: firstCommentLines(String(contentsOf: source, encoding: .utf8)))
        }
        return read?.withFurtherKextsBeside(source)
    }

    /// A further kext named in the options (`; with other.c --unload-order …`, loaded after this
    /// one into the same kernel) is found beside this kext, as `--user` is, wherever the run
    /// starts.
    func withFurtherKextsBeside(_ source: URL) -> TestExpectation {
        var copy = self
        copy.options = options.map { word in
            word.hasSuffix(".c") && !word.hasPrefix("-") ? UserProgramPath.resolve(word, besideKext: source.path) : word
        }
        return copy
    }

    /// The lines of the file's first block comment, with the comment markers taken off; a
    /// one-line comment is followed by the next line when that one is an `args:` comment too.
    static func firstCommentLines(_ text: String) -> [String] {
        let trimmed = text.drop { $0.isWhitespace }
        guard trimmed.hasPrefix("/*") else { return [] }
        let body = trimmed.dropFirst(2)
        guard let close = body.range(of: "*/") else { return commentLines(String(body)) }
        var lines = commentLines(String(body[..<close.lowerBound]))
        if lines.count == 1 {
            let rest = body[close.upperBound...].drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
            if rest.hasPrefix("/*"), let next = rest.dropFirst(2).range(of: "*/") {
                let following = commentLines(String(rest.dropFirst(2)[..<next.lowerBound]))
                if let first = following.first, first.hasPrefix("args:") { lines.append(first) }
            }
        }
        return lines
    }

    /// Lines with blank ones dropped and the decoration of a C comment (`/*`, `*/`, a leading
    /// `*`) taken off, so a sidecar may be written either bare or as a comment.
    static func commentLines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { raw in
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("/*") { line.removeFirst(2) }
            if line.hasSuffix("*/") { line.removeLast(2) }
            while line.hasPrefix("*") { line.removeFirst() }
            return line.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    /// Reads `expect: …` from the first line and `args: …` from the second; nil when the first
    /// line is not an expect line at all.
    static func parse(lines: [String]) throws -> TestExpectation? {
        guard let first = lines.first, first.hasPrefix("expect:") else { return nil }
        let statement = first.dropFirst("expect:".count).trimmingCharacters(in: .whitespaces)
        let parts = statement.components(separatedBy: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var options: [String] = []
        for part in parts.dropFirst() where part.hasPrefix("with ") {
            options += try words(part.dropFirst("with ".count), line: first)
        }
        if lines.count > 1, lines[1].hasPrefix("args:") {
            options += try words(lines[1].dropFirst("args:".count), line: lines[1])
        }
        return TestExpectation(claim: try claim(parts[0], line: first), options: options)
    }

    private static func claim(_ text: String, line: String) throws -> Claim {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        guard let head = words.first else { throw Unreadable(line: line, reason: "no outcome") }
        let kinds = Array(words.dropFirst())
        func none(_ outcome: KextOutcome) throws -> Claim {
            guard kinds.isEmpty else { throw Unreadable(line: line, reason: "'\(head)' takes no kinds") }
            return .outcome(outcome)
        }
        switch head {
        case "ok": return try none(.ok)
        case "entry-failed", "init-failed": return try none(.entryFailed)
        case "load-error": return try none(.loadError)
        case "compile-error": return try none(.compileError)
        case "term-failed": return try none(.findings([.termFailed]))
        case "depends" where kinds.starts(with: ["on", "--data"]): return .dependsOnData
        case "crash":
            guard kinds.count == 1, let kind = Crash.Kind(rawValue: kinds[0]) else {
                throw Unreadable(line: line, reason: "'crash' takes one crash kind such as dsi or watchdog")
            }
            return .outcome(.crash(kind))
        case "findings":
            let parsed = kinds.compactMap(Finding.Kind.init(rawValue:))
            guard !kinds.isEmpty, parsed.count == kinds.count else {
                throw Unreadable(line: line, reason: "'findings' takes finding kinds such as leak or xmalloc-double-free")
            }
            return .outcome(.findings(Set(parsed)))
        default:
            throw Unreadable(line: line, reason: "'\(head)' is not an outcome (ok, crash KIND, findings KIND…, "
                + "entry-failed, load-error, compile-error, depends on --data)")
        }
    }

    /// Splits options as a shell would for the simple cases: whitespace, with double or single
    /// quotes keeping a value that holds spaces together.
    static func words(_ text: Substring, line: String) throws -> [String] {
        var result: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
                inWord = true
            } else if c.isWhitespace {
                if inWord { result.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(c)
                inWord = true
            }
        }
        guard quote == nil else { throw Unreadable(line: line, reason: "unbalanced quote") }
        if inWord { result.append(current) }
        return result
    }
}
