import Foundation
import Testing
import KextFixtures
@testable import KextLoader

/// Building kexts outside `aixsim load`: `aixsim cflags` for users' own makefiles, `aixsim cc`
/// for a kext of several C files.
@Suite("User space: building kexts with aixsim cflags and aixsim cc", .serialized)
struct UserSpaceBuildTests {
    static let multifile = Fixture.directory.deletingLastPathComponent().appending(path: "UserPrograms/multifile")

    @Test("aixsim cflags prints the kext flags and both include directories on one line")
    func cflags() throws {
        let r = try AIXSimCommand.run(["cflags"])
        #expect(r.status == 0)
        let line = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!line.contains("\n"))
        #expect(line.contains("-D_KERNEL") && line.contains("-nostdlib") && line.contains("-fPIC"))
        #expect(line.contains("Sources/AIXSimKernelABI/aix-include") && line.contains("Sources/AIXSimKernelABI/include"))
    }

    @Test("aixsim cc builds a kext of two C files that loads with one services table")
    func multiFileKext() throws {
        let object = FileManager.default.temporaryDirectory.appending(path: "aixsim-mf-\(UUID().uuidString).so")
        defer { try? FileManager.default.removeItem(at: object) }
        let build = try AIXSimCommand.run(["cc", "-o", object.path,
                                           Self.multifile.appending(path: "mf_main.c").path,
                                           Self.multifile.appending(path: "mf_util.c").path, "-Wl,-e,mf_entry"])
        #expect(build.status == 0, "\(build.stderr)")
        let report = KextRun.run(LoadRequest(kext: object.path))
        #expect(report.outcome == .ok, "\(report.error ?? "")")
        let console = report.console.joined()
        #expect(console.contains("mf_util computing") && console.contains("twice 21 is 42"),
                "the helper in the second file ran, called from the first")
        #expect(Set(report.calls.map(\.kext)).count == 1, "both files' calls are the one kext's")
    }

    @Test("aixsim cc passes the compiler's failure through as its exit status")
    func compileError() throws {
        let source = FileManager.default.temporaryDirectory.appending(path: "aixsim-bad-\(UUID().uuidString).c")
        try "int broken( {".write(to: source, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: source) }
        let r = try AIXSimCommand.run(["cc", "-o", "/dev/null", source.path])
        #expect(r.status != 0)
    }
}
