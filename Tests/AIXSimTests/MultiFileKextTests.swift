import Foundation
import Testing
import KextFixtures
@testable import KextLoader

/// `aixsim load drv.c+util.c`: one kext built from several C files, written AIX-style (the first
/// file calls the second's functions through implicit declarations).
@Suite("Loading a kext of several C files", .serialized)
struct MultiFileKextTests {
    static let directory = Fixture.directory.deletingLastPathComponent().appending(path: "UserPrograms/multifile")
    static let kext = ["twofile.c", "twofile_util.c"].map { directory.appending(path: $0).path }.joined(separator: "+")

    @Test("drv.c+util.c builds one kext: entry point from the first file, the second's function called through an implicit declaration")
    func loadsAsOneKext() throws {
        let report = KextRun.run(LoadRequest(kext: Self.kext))
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "")")
        #expect(report.kext?.name == "twofile" && report.kext?.entry == "twofile_entry")
        #expect(report.console.joined().contains("sum 1..10 is 55"))
        #expect(Set(report.calls.map(\.kext)) == ["twofile"])
    }

    @Test("A crash in the second file names its source line, with the caller in the first file")
    func sourceLinesAcrossFiles() throws {
        let report = KextRun.run(LoadRequest(kext: Self.kext, data: "crash"))
        #expect(report.outcome == .crash)
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        let frames = try #require(crash.frames)
        #expect(frames.first?.fileLine?.hasSuffix("twofile_util.c:15") == true, "\(frames.map { $0.fileLine ?? "?" })")
        #expect(frames.dropFirst().first?.fileLine?.hasSuffix("twofile.c:22") == true, "\(frames.map { $0.fileLine ?? "?" })")
    }

    @Test("On the command line: the implicit declarations warn as AIX compilers did, and the run is ok")
    func commandLine() throws {
        let r = try AIXSimCommand.run(["load", Self.kext])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("implicit declaration of function"))
        #expect(r.stdout.contains("kext twofile (") && r.stdout.contains("sum 1..10 is 55"))
    }

    @Test("The import check covers every file: an unknown service called in the second file is a load error naming it")
    func importCheckAcrossFiles() throws {
        let util = FileManager.default.temporaryDirectory.appending(path: "aixsim-mfutil-\(UUID().uuidString).c")
        try "int twofile_sum(int n) { return vm_frobnicate(n); }\nint twofile_poke(int *p) { return 0; }\n"
            .write(to: util, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: util) }
        let r = try AIXSimCommand.run(["load", Self.directory.appending(path: "twofile.c").path + "+" + util.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("imports vm_frobnicate, which the kernel does not export"), "\(r.stderr)")
    }

    @Test("A missing part is named in a one-line error; a single file with + in its name is not split")
    func badParts() throws {
        let missing = Self.directory.appending(path: "twofile.c").path + "+" + Self.directory.appending(path: "nosuch.c").path
        let r = try AIXSimCommand.run(["load", missing])
        #expect(r.status == 1)
        #expect(r.stderr.contains("nosuch.c") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(KextSources.parts(of: "a.c+b.c") == ["a.c", "b.c"])
        #expect(KextSources.parts(of: "a.c") == nil && KextSources.parts(of: "a+b.so") == nil)
        #expect(KextSources.parts(of: "a.c++b.c") == nil, "an empty part is no file")
    }
}
