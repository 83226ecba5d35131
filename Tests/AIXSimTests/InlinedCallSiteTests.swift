import Foundation
import Testing
@testable import Kernel
@testable import KextLoader
import KextFixtures

/// Service calls go through extern-inline wrappers from aixsim's headers, so the line table
/// puts the call instruction in kernex.def; the line a report shows comes from the wrapper's
/// inlined instance in .debug_info. Real kexts, built by gcc and clang at DWARF 4 and 5 with the
/// kext flags, run by aixsim; the ground truth is the fixture's own text.
@Suite("Inlined call sites")
struct InlinedCallSiteTests {
    static let source = DebugFixture.directory.appending(path: "inline_call_sites.c")

    /// gcc as `cc`, and clang from PATH or the Swift toolchain that built these tests.
    static func compiler(_ name: String) -> URL? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map(String.init)
        let extra = name == "clang" ? ["/opt/swift/usr/bin"] : []
        return (path + extra).map { URL(fileURLWithPath: $0).appending(path: name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static let builds = ["cc", "clang"].flatMap { c in [4, 5].map { DebugFixture.Build(compiler: c, dwarfVersion: $0) } }

    /// Builds the fixture as `aixsim load` does (kext flags, service stubs), at one DWARF version.
    static func build(_ build: DebugFixture.Build, into directory: URL) throws -> URL {
        guard let cc = compiler(build.compiler) else {
            try Test.cancel("\(build.compiler) is not installed: its case cannot be built")
        }
        let environment = KextBuildEnvironment()
        let output = directory.appending(path: "libinline_call_sites_kext.so")
        let process = Process()
        process.executableURL = cc
        process.arguments = environment.kextCompilerFlags(compiler: cc) + ["-gdwarf-\(build.dwarfVersion)"]
            + [source.path, environment.serviceStubsSource.path, "-o", output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(build.testDescription) failed")
        return output
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appending(path: "aixsim-inline-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// (line, column) of the first `text` in the fixture, both counted from 1.
    static func position(of text: String) throws -> (line: Int, column: Int) {
        let lines = try String(contentsOf: source, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains(text) })
        let range = try #require(lines[index].range(of: text))
        return (index + 1, lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
    }

    /// Each xmalloc in the fixture has its own size: the size a leak reports names its call.
    static let calls: [(size: Int, text: String)] = [
        (24, "xmalloc(24,"), (40, "xmalloc(40,"), (56, "xmalloc(56,"), // in a row
        (72, "xmalloc(72,"), (88, "xmalloc(88,"), // the two branches of an if
        (104, "xmalloc(104,"), // inside the kext's own inline helper
        (120, "xmalloc(120,"), (136, "xmalloc(136,"), // two on one line
    ]

    @Test("Every xmalloc's leak names the line of its call", arguments: builds)
    func leakSites(build: DebugFixture.Build) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let object = try Self.build(build, into: dir)
        let report = KextRun.run(LoadRequest(kext: object.path, entry: "inline_call_sites_entry"))
        let records = report.findings.filter { $0.kind == .xmallocLeak }.compactMap { $0.xmalloc?.record }
        #expect(records.count == Self.calls.count)
        for call in Self.calls {
            let line = try Self.position(of: call.text).line
            let record = try #require(records.first { $0.size == call.size }, "no leak of \(call.size) bytes")
            #expect(record.function.hasSuffix("(inline_call_sites.c:\(line))"),
                    "\(call.text) on line \(line), reported as \(record.function)")
        }
    }

    @Test("Two calls on one line are told apart by column", arguments: builds)
    func columns(build: DebugFixture.Build) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let object = try Self.build(build, into: dir)
        let bytes = [UInt8](try Data(contentsOf: object))
        let report = KextRun.run(LoadRequest(kext: object.path, entry: "inline_call_sites_entry"))
        let records = report.findings.compactMap { $0.xmalloc?.record }
        let entry = try DebugFixture.function("inline_call_sites_entry", in: try ELFFile(bytes: bytes))
        let locator = SourceLocator(bytes: bytes)
        var columns: [Int] = []
        for size in [120, 136] {
            // The record names "inline_call_sites_entry+0xOFFSET (file:line)": the call instruction.
            let record = try #require(records.first { $0.size == size })
            let offsetText = try #require(record.function.split(separator: "+0x").last?.split(separator: " ").first)
            let offset = try #require(UInt64(offsetText, radix: 16))
            let position = try #require(locator.location(ofOffset: entry.value + offset)?.position)
            let expected = try Self.position(of: "xmalloc(\(size),")
            #expect(position.line == expected.line)
            columns.append(try #require(position.column))
        }
        // Compilers disagree on which character of the call a column names; they agree on order.
        #expect(columns[0] < columns[1], "\(columns)")
        #expect(columns[0] >= (try Self.position(of: "kept[6] =").column))
    }

    // MARK: - Damaged files

    @Test("Random corruption of .debug_info and its sections never traps", arguments: builds)
    func randomCorruption(build: DebugFixture.Build) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = [UInt8](try Data(contentsOf: try Self.build(build, into: dir)))
        let elf = try ELFFile(bytes: good)
        let targets = [".debug_info", ".debug_abbrev", ".debug_addr", ".debug_rnglists", ".debug_ranges",
                       ".debug_line"].compactMap { elf.section(named: $0) }.filter { $0.size > 0 }
        let functions = elf.functionSymbols
        var generator = SplitMix64(seed: 0xD1E5_CA11 &+ UInt64(build.dwarfVersion))
        for round in 0..<150 {
            var bytes = good
            let target = targets[round % targets.count]
            for _ in 0..<(1 + round % 4) {
                let offset = Int(target.offset) + Int(generator.next() % target.size)
                bytes[offset] = UInt8(truncatingIfNeeded: generator.next())
            }
            let locator = SourceLocator(bytes: bytes)
            for f in functions {
                for address in f.value..<(f.value + f.size) { _ = locator.location(ofOffset: address) }
            }
        }
    }

    @Test("Damaged unit headers and section bounds drop the call sites, never the functions")
    func damagedHeaders() throws {
        let build = DebugFixture.Build(compiler: "clang", dwarfVersion: 5)
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = [UInt8](try Data(contentsOf: try Self.build(build, into: dir)))
        let elf = try ELFFile(bytes: good)
        let info = try #require(elf.section(named: ".debug_info"))
        let infoIndex = try #require(elf.sections.firstIndex { $0.name == ".debug_info" })
        let shoff = (0..<8).reduce(0) { $0 | Int(good[40 + $1]) << (8 * $1) }
        let header = shoff + infoIndex * 64
        func store(_ value: UInt64, size: Int, at offset: Int, in bytes: inout [UInt8]) {
            for i in 0..<size { bytes[offset + i] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(i))) }
        }
        let start = Int(info.offset)
        var variants: [String: [UInt8]] = [:]
        var b = good
        store(0xFFFF_FFFF, size: 4, at: start, in: &b) // 64-bit escape, then a huge length
        store(UInt64.max, size: 8, at: start + 4, in: &b)
        variants["huge unit length"] = b
        b = good
        store(0xFFFF_FFFF, size: 4, at: start + 8, in: &b) // abbreviation offset past its section
        variants["huge abbrev offset"] = b
        b = good
        store(9, size: 2, at: start + 4, in: &b)
        variants["unknown version"] = b
        b = good
        store(UInt64.max, size: 8, at: header + 32, in: &b)
        variants["huge section size"] = b
        b = good
        store(info.size / 3, size: 8, at: header + 32, in: &b)
        variants["unit cut short"] = b

        let entry = try DebugFixture.function("inline_call_sites_entry", in: elf)
        for (name, bytes) in variants.sorted(by: { $0.key < $1.key }) {
            let locator = SourceLocator(bytes: bytes)
            for address in entry.value..<(entry.value + entry.size) {
                #expect(locator.location(ofOffset: address)?.function?.name == "inline_call_sites_entry", "\(name)")
            }
        }
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
