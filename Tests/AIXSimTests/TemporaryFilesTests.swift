import Foundation
import Testing
import KextFixtures

/// `aixsim load file.c` builds in a temporary directory: gone after every run, Ctrl-C and
/// SIGTERM included, unless `--keep` asks for the shared object (and is told where it is).
@Suite("Temporary files of aixsim load", .serialized)
struct TemporaryFilesTests {
    /// A fresh TMPDIR per test, so what is left in it is this run's.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appending(path: "aixsim-tmp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func process(_ arguments: [String], tmpdir: URL) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = AIXSimCommand.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["TMPDIR"] = tmpdir.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        return (process, out, err)
    }

    static func leftovers(in tmpdir: URL) -> [String] {
        (try? FileManager.default.subpathsOfDirectory(atPath: tmpdir.path)) ?? []
    }

    @Test("Without --keep nothing is left; with --keep the .so stays where the report says")
    func keep() throws {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: tmpdir) }
        let (plain, _, _) = Self.process(["load", Fixture.path("xm_basic")], tmpdir: tmpdir)
        try plain.run()
        plain.waitUntilExit()
        #expect(plain.terminationStatus == 0)
        #expect(Self.leftovers(in: tmpdir).isEmpty)

        let (kept, _, err) = Self.process(["load", Fixture.path("xm_basic"), "--keep"], tmpdir: tmpdir)
        try kept.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        kept.waitUntilExit()
        #expect(kept.terminationStatus == 0)
        let line = try #require(stderr.split(separator: "\n").first { $0.contains("kept the built kext: ") })
        let path = String(line.split(separator: " ").last!)
        #expect(path.hasPrefix(tmpdir.path) && path.hasSuffix("libxm_basic_kext.so"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(4) == Data([0x7F, 0x45, 0x4C, 0x46]), "an ELF object objdump can read")
    }

    @Test("SIGINT and SIGTERM during a run remove the temporary directory", arguments: [SIGINT, SIGTERM])
    func signalled(signal: Int32) throws {
        let tmpdir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: tmpdir) }
        let (process, out, _) = Self.process(["load", Fixture.path("spin_forever"), "--data", "spin"], tmpdir: tmpdir)
        try process.run()
        // The kext prints before it spins; the trace is printed at the end, so wait for the
        // built object instead.
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !Self.leftovers(in: tmpdir).contains(where: { $0.hasSuffix(".so") }) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(Self.leftovers(in: tmpdir).contains { $0.hasSuffix(".so") }, "the run got as far as building")
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, signal)
        // Never hang the suite: a run the signal failed to end is killed, and the test fails.
        let killDeadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < killDeadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        _ = out.fileHandleForReading.readDataToEndOfFile()
        // The supervisor catches the signal, ends the worker, prints the report so far and exits
        // with 128 + the signal, as a shell reports a command a signal ended.
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal)
        #expect(Self.leftovers(in: tmpdir).isEmpty, "left: \(Self.leftovers(in: tmpdir))")
    }
}
