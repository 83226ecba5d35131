import Foundation
import Testing

/// Every aixsim output shown in README.md and docs/**/*.md between `<!-- aixsim: ARGS -->` and
/// `<!-- /aixsim -->` is what aixsim prints today.
///
/// docs/regenerate.sh writes those blocks; this test runs the same commands from the repository's
/// root, normalises with the same docs/normalise.sed and applies the same `from`/`to`/`lines`
/// filters, so a report whose wording changed fails here until the script is re-run.
@Suite("Documented outputs", .serialized)
struct DocsOutputTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("Every marked block in the docs matches aixsim's output")
    func documentedOutputsMatch() throws {
        let blocks = try Self.markedBlocks()
        #expect(blocks.count >= 10, "expected the course and the chapters to carry marked outputs")
        for block in blocks {
            let actual = try DocsRendering.render(block.spec, root: Self.root)
            #expect(actual == block.shown, """
                \(block.file):\(block.line): `aixsim \(block.spec)` no longer prints what the docs show; \
                run docs/regenerate.sh \(block.file)
                --- shown
                \(block.shown)
                --- now
                \(actual)
                """)
        }
    }

    @Test("Filters: from stops at a blank line, to and lines bound the excerpt")
    func filters() {
        let text = "a\nRUN: x\n  one\n  two\n\nCFG_TERM\nend"
        #expect(DocsRendering.excerpt(text, filters: ["from RUN:"]) == "RUN: x\n  one\n  two")
        #expect(DocsRendering.excerpt(text, filters: ["from RUN:", "to one"]) == "RUN: x\n  one")
        #expect(DocsRendering.excerpt(text, filters: ["from RUN:", "to CFG_TERM"]) == "RUN: x\n  one\n  two\n\nCFG_TERM")
        #expect(DocsRendering.excerpt(text, filters: ["lines 2"]) == "a\nRUN: x")
        #expect(DocsRendering.excerpt(text, filters: []) == text)
    }

    @Test("Markers split words at blanks and group double-quoted words")
    func words() {
        #expect(DocsRendering.words(#"load hello --data "speed=fast x" --json"#)
                == ["load", "hello", "--data", "speed=fast x", "--json"])
    }

    @Test("Normalisation replaces host addresses and temporary paths but keeps effective addresses")
    func normalisation() throws {
        let raw = "eaddr=0x7FF3DE906010) *eaddr = 0xF100000040000000 DSISR 0x42000000 /tmp/aixsim-1/k.c "
            + "\(Self.root.path)/kext-samples/hello.c\nok    a.c  findings leak  0.52s"
        let normal = try DocsRendering.normalise(raw, root: Self.root)
        #expect(normal == "eaddr=0xHOSTADDR) *eaddr = 0xF100000040000000 DSISR 0x42000000 /tmp/TMPPATH "
                + "kext-samples/hello.c\nok    a.c  findings leak  T")
    }

    // MARK: - Finding the blocks

    struct Block {
        let file: String
        let line: Int
        let spec: String
        let shown: String
    }

    static func markedBlocks() throws -> [Block] {
        var files = ["README.md"]
        let docs = root.appending(path: "docs")
        let walker = FileManager.default.enumerator(at: docs, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "md" else { continue }
            files.append(String(url.path.dropFirst(root.path.count + 1)))
        }
        var blocks: [Block] = []
        for file in files.sorted() {
            let text = try String(contentsOf: root.appending(path: file), encoding: .utf8)
            let lines = text.components(separatedBy: "\n")
            var index = 0
            while index < lines.count {
                guard let spec = DocsRendering.markerSpec(lines[index]) else { index += 1; continue }
                let start = index
                var body: [String] = []
                index += 1
                while index < lines.count, !lines[index].hasPrefix("<!-- /aixsim -->") {
                    body.append(lines[index])
                    index += 1
                }
                #expect(index < lines.count, "\(file):\(start + 1): marker without <!-- /aixsim -->")
                #expect(body.first == "```text" && body.last == "```",
                        "\(file):\(start + 1): a marked block holds exactly one ```text fence")
                let shown = body.count >= 2 ? body.dropFirst().dropLast().joined(separator: "\n") : ""
                blocks.append(Block(file: file, line: start + 1, spec: spec, shown: shown))
                index += 1
            }
        }
        return blocks
    }
}

/// The rendering rules docs/regenerate.sh follows, in Swift.
enum DocsRendering {
    /// The text between `<!-- aixsim:` and `-->`, if the line is a marker.
    static func markerSpec(_ line: String) -> String? {
        // An indented marker is an example in the docs, not a block to check.
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard line.hasPrefix("<!-- aixsim: "), trimmed.hasSuffix(" -->") else { return nil }
        return String(trimmed.dropFirst("<!-- aixsim: ".count).dropLast(" -->".count))
    }

    static func render(_ spec: String, root: URL) throws -> String {
        let parts = spec.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let filters = parts.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        let output = try run(words(parts[0]), in: root)
        let normal = try normalise(output, root: root)
        var lines = excerpt(normal, filters: Array(filters)).components(separatedBy: "\n")
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    static func words(_ command: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        var inWord = false
        for character in command {
            if character == "\"" {
                quoted.toggle()
                inWord = true
            } else if character == " " && !quoted {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }

    static func excerpt(_ text: String, filters: [String]) -> String {
        var from: String?, to: String?, limit: Int?
        for filter in filters {
            if filter.hasPrefix("from ") { from = String(filter.dropFirst(5)) }
            else if filter.hasPrefix("to ") { to = String(filter.dropFirst(3)) }
            else if filter.hasPrefix("lines "), let n = Int(filter.dropFirst(6)) { limit = n }
        }
        var kept: [String] = []
        var on = from == nil
        for line in text.components(separatedBy: "\n") {
            if !on, let from, line.contains(from) { on = true }
            guard on else { continue }
            if from != nil, to == nil, line.isEmpty { break }
            if let limit, kept.count >= limit { break }
            kept.append(line)
            if let to, line.contains(to) { break }
        }
        return kept.joined(separator: "\n")
    }

    /// docs/normalise.sed applied by sed itself, so the rules are written once.
    static func normalise(_ text: String, root: URL) throws -> String {
        let scratch = FileManager.default.temporaryDirectory.appending(path: "aixsim-docs-\(UUID().uuidString)")
        try Data(text.utf8).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let sed = Process()
        sed.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sed.arguments = ["sed", "-E", "-e", "s#\(root.path)/##g",
                         "-f", root.appending(path: "docs/normalise.sed").path, scratch.path]
        let output = Pipe()
        sed.standardOutput = output
        try sed.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        sed.waitUntilExit()
        var result = String(decoding: data, as: UTF8.self)
        if result.hasSuffix("\n"), !text.hasSuffix("\n") { result.removeLast() }
        return result
    }

    /// Standard output of `aixsim WORDS` run from the repository's root, as a user would.
    static func run(_ arguments: [String], in directory: URL) throws -> String {
        let process = Process()
        process.executableURL = AIXSimCommand.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
