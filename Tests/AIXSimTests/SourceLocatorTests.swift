import Foundation
import Testing
@testable import Kernel
@testable import KextLoader
import KextFixtures

/// Builds the Kexts/debuginfo fixtures with the machine's compilers and the kext flags. The
/// ground truth is the fixtures' own text: each test finds the line a function sits on by
/// searching the source, so no DWARF tool needs to be installed.
enum DebugFixture {
    static let directory = Fixture.directory.appending(path: "debuginfo")
    static let twoFiles = ["two_files_main.c", "two_files_helper.c"]

    /// The C compilers on PATH that these tests build with (clang comes with the Swift toolchain).
    static let compilers: [String] = ["cc", "clang"].filter { name in
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
        }
    }

    struct Build: CustomTestStringConvertible, Sendable {
        let compiler: String
        let dwarfVersion: Int
        var testDescription: String { "\(compiler) -gdwarf-\(dwarfVersion)" }
    }

    static let builds = compilers.flatMap { c in [4, 5].map { Build(compiler: c, dwarfVersion: $0) } }

    /// Compiles `files` into one shared object with the kext flags, then `extra` (a later -g
    /// flag overrides the kext's own).
    static func build(_ files: [String], compiler: String = "cc", extra: [String]) throws -> URL {
        let output = FileManager.default.temporaryDirectory
            .appending(path: "aixsim-dwarf-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).so")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [compiler] + KextBuildEnvironment().compileFlags() + extra
            + files.map { directory.appending(path: $0).path } + ["-o", output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(compiler) failed on \(files)")
        return output
    }

    static func bytes(_ files: [String], compiler: String = "cc", extra: [String]) throws -> [UInt8] {
        let url = try build(files, compiler: compiler, extra: extra)
        defer { try? FileManager.default.removeItem(at: url) }
        return [UInt8](try Data(contentsOf: url))
    }

    /// The 1-based number of the first line of `file` containing `text`.
    static func line(of text: String, in file: String) throws -> Int {
        let source = try String(contentsOf: directory.appending(path: file), encoding: .utf8)
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.firstIndex { $0.contains(text) }) + 1
    }

    static func function(_ name: String, in elf: ELFFile) throws -> ELFFile.Symbol {
        try #require(elf.functionSymbols.first { $0.name == name })
    }
}

@Suite("SourceLocator")
struct SourceLocatorTests {
    // MARK: - Line tables

    @Test("Every function of a two-file kext maps to its own file and line", arguments: DebugFixture.builds)
    func twoFileKext(build: DebugFixture.Build) throws {
        // Without the kext flags' frame pointers: clang gives a frame-pointer prologue's row no
        // column, and the column check below is about the function's first statement row.
        let bytes = try DebugFixture.bytes(DebugFixture.twoFiles, compiler: build.compiler,
                                           extra: ["-gdwarf-\(build.dwarfVersion)", "-fomit-frame-pointer"])
        let elf = try ELFFile(bytes: bytes)
        let locator = SourceLocator(bytes: bytes)
        #expect(locator.hasLineInformation)
        // The compiler really wrote the version asked for: it follows the 4-byte unit length.
        let debugLine = try #require(elf.section(named: ".debug_line").flatMap(elf.contents(of:)))
        #expect(debugLine.dropFirst(4).first.map(Int.init) == build.dwarfVersion)

        let main = "two_files_main.c"
        let helper = "two_files_helper.c"
        // One-line functions: every byte of their code comes from that one line.
        for (name, file, text) in [("dbg_twice", main, "static int dbg_twice"),
                                   ("dbg_helper", helper, "int dbg_helper(int x) {")]
        {
            let symbol = try DebugFixture.function(name, in: elf)
            let line = try DebugFixture.line(of: text, in: file)
            for address in symbol.value..<(symbol.value + symbol.size) {
                let location = try #require(locator.location(ofOffset: address))
                #expect(location.function == .init(name: name, offset: address - symbol.value))
                let position = try #require(location.position, "\(name)+\(address - symbol.value)")
                #expect(position.file.hasSuffix("/debuginfo/\(file)"))
                #expect(position.line == line)
            }
        }
        // Several-line functions: their code stays between their first line and closing brace
        // (the line after their last statement) and includes a statement every compiler keeps.
        for (name, file, first, kept, last) in [
            ("dbg_entry", main, "int dbg_entry", "return dbg_helper(r)", "return dbg_helper(r)"),
            ("dbg_spread", helper, "int dbg_spread", "for (int i = 0", "return total;"),
        ] {
            let symbol = try DebugFixture.function(name, in: elf)
            let firstLine = try DebugFixture.line(of: first, in: file)
            let keptLine = try DebugFixture.line(of: kept, in: file)
            let braceLine = try DebugFixture.line(of: last, in: file) + 1
            let positions = (symbol.value..<(symbol.value + symbol.size))
                .compactMap { locator.location(ofOffset: $0)?.position }
            #expect(positions.allSatisfy { $0.file.hasSuffix("/debuginfo/\(file)") })
            #expect(positions.allSatisfy { $0.line >= firstLine && $0.line <= braceLine })
            #expect(positions.contains { $0.line == keptLine })
        }

        let twice = try DebugFixture.function("dbg_twice", in: elf)
        let twiceLine = try DebugFixture.line(of: "static int dbg_twice", in: main)
        let start = try #require(locator.location(ofOffset: twice.value))
        #expect(start.description == "dbg_twice+0x0 (\(main):\(twiceLine))")
        #expect(start.position?.column != nil)
    }

    @Test("An address no symbol and no row covers has no location")
    func uncoveredAddress() throws {
        let locator = SourceLocator(bytes: try DebugFixture.bytes(DebugFixture.twoFiles, extra: []))
        #expect(locator.location(ofOffset: 0) == nil)
        #expect(locator.location(ofOffset: .max) == nil)
    }

    // MARK: - Without debug information

    @Test("A kext built without -g is named by function and offset only")
    func noDebugInformation() throws {
        let bytes = try DebugFixture.bytes(DebugFixture.twoFiles, extra: ["-g0"])
        let twice = try DebugFixture.function("dbg_twice", in: try ELFFile(bytes: bytes))
        let locator = SourceLocator(bytes: bytes)
        #expect(!locator.hasLineInformation)
        let location = try #require(locator.location(ofOffset: twice.value + 1))
        #expect(location.function == .init(name: "dbg_twice", offset: 1))
        #expect(location.position == nil)
        #expect(location.description == "dbg_twice+0x1")
    }

    @Test("A stripped kext falls back to its dynamic symbols")
    func stripped() throws {
        let bytes = try DebugFixture.bytes(DebugFixture.twoFiles, extra: ["-s"])
        let elf = try ELFFile(bytes: bytes)
        #expect(elf.symbols.isEmpty)
        let entry = try DebugFixture.function("dbg_entry", in: elf)
        let location = try #require(SourceLocator(bytes: bytes).location(ofOffset: entry.value + 2))
        #expect(location.function == .init(name: "dbg_entry", offset: 2))
        #expect(location.position == nil)
    }

    // MARK: - Snippets

    @Test("A snippet gives the source line with one line of context either side")
    func snippet() throws {
        let bytes = try DebugFixture.bytes(DebugFixture.twoFiles, extra: [])
        let spread = try DebugFixture.function("dbg_spread", in: try ELFFile(bytes: bytes))
        let locator = SourceLocator(bytes: bytes)
        let loopLine = try DebugFixture.line(of: "for (int i = 0", in: "two_files_helper.c")
        let location = try #require((spread.value..<(spread.value + spread.size))
            .lazy.compactMap { locator.location(ofOffset: $0) }.first { $0.position?.line == loopLine })
        let snippet = try #require(location.snippet(context: 1))
        #expect(snippet.lines.map(\.number) == [loopLine - 1, loopLine, loopLine + 1])
        #expect(snippet.lines.map(\.isTarget) == [false, true, false])
        #expect(snippet.lines.map(\.text) == ["    int total = 0;", "    for (int i = 0; i < x; i++)",
                                              "        total += i * x;"])
        // Numbers right-aligned to the widest; the target marked.
        let width = String(loopLine + 1).count
        let number = String(repeating: " ", count: width - String(loopLine).count) + String(loopLine)
        #expect(snippet.description.split(separator: "\n")[1] == "> \(number) |     for (int i = 0; i < x; i++)")
    }

    @Test("A snippet is clipped at the file's ends and absent when the file is")
    func snippetEdges() throws {
        let file = DebugFixture.directory.appending(path: "two_files_helper.c").path
        let lineCount = try String(contentsOfFile: file, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).count
        func at(_ path: String, _ line: Int) -> KextSourceLocation {
            KextSourceLocation(function: nil, position: .init(file: path, line: line, column: nil))
        }
        #expect(at(file, 1).snippet(context: 1)?.lines.map(\.number) == [1, 2])
        #expect(at(file, lineCount).snippet(context: 1)?.lines.map(\.number) == [lineCount - 1, lineCount])
        #expect(at(file, lineCount + 1).snippet() == nil)
        #expect(at(file, 0).snippet() == nil)
        #expect(at("/nonexistent/aixsim/k.c", 3).snippet() == nil)
    }

    // MARK: - Damaged files

    /// Where section `name`'s header sits in the file.
    private func sectionHeader(_ name: String, in bytes: [UInt8]) throws -> Int {
        let elf = try ELFFile(bytes: bytes)
        let index = try #require(elf.sections.firstIndex { $0.name == name })
        let shoff = (0..<8).reduce(0) { $0 | Int(bytes[40 + $1]) << (8 * $1) }
        return shoff + index * 64
    }

    private func store(_ value: UInt64, size: Int, at offset: Int, in bytes: inout [UInt8]) {
        for i in 0..<size { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
    }

    /// Asks every function's every address; the point is that it returns at all.
    private func probeEveryAddress(_ bytes: [UInt8], functions: [ELFFile.Symbol]) -> Int {
        let locator = SourceLocator(bytes: bytes)
        var named = 0
        for f in functions {
            for address in f.value..<(f.value + f.size) where locator.location(ofOffset: address)?.function != nil {
                named += 1
            }
        }
        return named
    }

    @Test("Damaged section headers and unit headers give fewer answers, never a trap")
    func damagedHeaders() throws {
        let good = try DebugFixture.bytes(DebugFixture.twoFiles, extra: ["-gdwarf-5"])
        let elf = try ELFFile(bytes: good)
        let functions = elf.functionSymbols
        let total = functions.reduce(0) { $0 + Int($1.size) }
        let lineSection = try #require(elf.section(named: ".debug_line"))
        let header = try sectionHeader(".debug_line", in: good)
        let start = Int(lineSection.offset)

        var variants: [String: [UInt8]] = [:]
        var b = good
        store(UInt64.max, size: 8, at: header + 32, in: &b) // section size past the file
        variants["huge size"] = b
        b = good
        store(UInt64.max - 4, size: 8, at: header + 24, in: &b) // section offset past the file
        variants["huge offset"] = b
        b = good
        store(lineSection.size / 2, size: 8, at: header + 32, in: &b) // table cut in half
        variants["half table"] = b
        b = good
        store(0xFFFF_FFFF, size: 4, at: start, in: &b) // 64-bit escape, then a huge length
        store(UInt64.max, size: 8, at: start + 4, in: &b)
        variants["huge unit length"] = b
        b = good
        store(0xFFFF_FFFF, size: 4, at: start + 4 + 2 + 2, in: &b) // header_length past the unit
        variants["huge header length"] = b
        b = good
        b[start + 4 + 2 + 2 + 4 + 4] = 0 // line_range 0 would divide by zero
        variants["zero line range"] = b
        b = good
        store(UInt64.max, size: 8, at: 40, in: &b) // section header table past Int.max
        variants["huge e_shoff"] = b
        b = good
        store(0xFFFF, size: 2, at: 62, in: &b) // no section-name table
        variants["bad e_shstrndx"] = b
        variants["file cut inside .debug_line"] = Array(good.prefix(start + Int(lineSection.size) / 2))

        for (name, bytes) in variants.sorted(by: { $0.key < $1.key }) {
            let named = probeEveryAddress(bytes, functions: functions)
            // The symbol table is intact unless the ELF headers themselves are broken.
            if !["huge e_shoff", "file cut inside .debug_line"].contains(name) {
                #expect(named == total, "\(name)")
            }
        }
        #expect(!SourceLocator(bytes: variants["huge unit length"]!).hasLineInformation)
        #expect(!SourceLocator(bytes: variants["huge offset"]!).hasLineInformation)
    }

    @Test("Random corruption of .debug_line never traps")
    func randomCorruption() throws {
        let good = try DebugFixture.bytes(DebugFixture.twoFiles, extra: ["-gdwarf-5"])
        let elf = try ELFFile(bytes: good)
        let section = try #require(elf.section(named: ".debug_line"))
        let strings = try #require(elf.section(named: ".debug_line_str"))
        var generator = SplitMix64(seed: 0xA1_5E_D1_AF)
        for round in 0..<400 {
            var bytes = good
            // Mostly the line programs; sometimes the strings their file tables point into.
            let target = round % 5 == 0 ? strings : section
            for _ in 0..<(1 + round % 4) {
                let offset = Int(target.offset) + Int(generator.next() % target.size)
                bytes[offset] = UInt8(truncatingIfNeeded: generator.next())
            }
            _ = probeEveryAddress(bytes, functions: elf.functionSymbols)
        }
    }

    // MARK: - Loaded kexts

    @Test("The registry maps a loaded kext's code address to its function, file and line")
    func loadedKext() throws {
        let kernel = try Kernel()
        let dir = FileManager.default.temporaryDirectory.appending(path: "aixsim-located-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let object = try KextCompiler(environment: KextBuildEnvironment())
            .compile(DebugFixture.directory.appending(path: "located.c"), entry: nil, into: dir)
        let kext = try LoadedKext(url: object, name: "located", displayPath: "located.c",
                                  entrySymbol: "located_entry", kernel: kernel)
        let registry = KextRegistry()
        registry.add(kext)
        let pointer = try #require(kext.function(named: "located_value"))
        let function = UInt(bitPattern: pointer)
        let location = try #require(registry.sourceLocation(of: function + 1))
        #expect(location.function == .init(name: "located_value", offset: 1))
        #expect(location.position?.file.hasSuffix("/debuginfo/located.c") == true)
        #expect(location.position?.line == (try DebugFixture.line(of: "int located_value", in: "located.c")))
        // The text every report uses today is unchanged.
        #expect(registry.location(of: function) == "located_value+0x0")
        #expect(registry.sourceLocation(of: 0) == nil)
        withExtendedLifetime(kext) {}
    }
}

/// A small deterministic generator, so a failing corruption round can be replayed.
private struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
