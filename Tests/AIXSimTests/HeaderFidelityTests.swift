import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader
import VMM

/// AIX kext source, written the way it was written for AIX, builds and runs here: implicit
/// declarations, a kext's own function of a service's name, AIX's headers and values, and the
/// compiler's warnings shown.
@Suite("Header fidelity")
struct HeaderFidelityTests {
    private static func run(_ name: String) -> RunReport {
        KextRun.run(LoadRequest(kext: Fixture.directory.appending(path: "fidelity/\(name).c").path,
                                entry: "\(name)_entry"))
    }

    @Test("A service called without its header is bound to the kext's table and traced")
    func implicitDeclarations() {
        let report = Self.run("implicit_calls")
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "")")
        #expect(report.results(of: "vm_galloc") == [0])
        #expect(report.results(of: "vm_gfree") == [0])
        #expect(report.calls.contains { $0.service == "printf" })
        #expect(report.calls.contains { $0.service == "e_wakeup" })
        #expect(report.calls.allSatisfy { $0.kext == "implicit_calls" })
    }

    @Test("A service reached through a stub is attributed to the calling kext function")
    func stubKeepsCaller() throws {
        let report = Self.run("implicit_leak")
        let leak = try #require(report.findings.first { $0.kind == .xmallocLeak })
        let record = try #require(leak.xmalloc?.record)
        #expect(record.function.hasPrefix("keep_one+"), "named \(record.function)")
    }

    @Test("A kext's own function named like a service is the kext's, header included")
    func ownDefinitionWins() {
        let report = Self.run("own_timeout")
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "")")
        #expect(!report.calls.contains { $0.service == "timeout" })
    }

    @Test("A name neither exported nor in libcsys is refused with the nearest export")
    func nearestExport() {
        let report = Self.run("misspelt_service")
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("imports vm_gallok") == true)
        #expect(report.error?.contains("vm_gallok → vm_galloc") == true)
        #expect(report.calls.isEmpty)
    }

    @Test("Edit distance counts insertions, deletions and substitutions")
    func editDistance() {
        #expect(ImportCheck.editDistance("vm_gallok", "vm_galloc") == 1)
        #expect(ImportCheck.editDistance("", "pin") == 3)
        #expect(ImportCheck.editDistance("kitten", "sitting") == 3)
        #expect(ImportCheck.nearestExport(to: "xmfre") == "xmfree")
    }

    @Test("An unimplemented service (privcheck) is a load error, never a call")
    func unimplementedService() {
        let report = Self.run("unimplemented_service")
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("imports privcheck") == true)
    }

    @Test("A header aixsim lacks is a compile error, not the host's header")
    func missingHeader() {
        let report = Self.run("missing_header")
        #expect(report.outcome == .loadError)
        #expect(report.diagnostics?.contains("sys/socketvar.h") == true)
    }

    @Test("AIX headers carry AIX 5.3 names, values and 64-bit kernel widths")
    func aixHeaders() {
        let report = Self.run("aix_headers")
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "")")
        #expect(report.calls.first { $0.service == "xmalloc" }?.result != 0)
        #expect(report.results(of: "xmfree") == [0])
    }

    @Test("Swift's errno values match <sys/errno.h>")
    func errnoValues() {
        // Each value here is also a _Static_assert of aix_headers.c or header_values.c.
        #expect(AIXErrno.interrupted.rawValue == 4 && AIXErrno.ioError.rawValue == 5)
        #expect(AIXErrno.noMemory.rawValue == 12 && AIXErrno.badAddress.rawValue == 14)
        #expect(AIXErrno.invalidArgument.rawValue == 22 && AIXErrno.noSpace.rawValue == 28)
        #expect(AIXErrno(rawValue: 78).name == "ETIMEDOUT")
        #expect(AIXErrno(rawValue: 109).name == "ENOSYS")
        #expect(AIXErrno(rawValue: 124).name == "ENOTSUP")
    }

    @Test("aixsim load shows the compiler's warnings on stderr and still runs the kext")
    func warningsShown() throws {
        let path = Fixture.directory.appending(path: "fidelity/format_warning.c").path
        let r = try AIXSimCommand.run(["load", path, "--entry", "format_warning_entry"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("warning") && r.stderr.contains("%s"))
    }

    @Test("A prebuilt kext importing a service symbol is refused with how to build it")
    func prebuiltImportsService() throws {
        guard let cc = KextCompiler.findCompiler() else { return }
        let environment = KextBuildEnvironment()
        let directory = FileManager.default.temporaryDirectory
            .appending(path: "aixsim-prebuilt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let object = directory.appending(path: "libdirect_service_kext.so")
        // Built as elsewhere: aixsim's headers, but not its service stubs.
        let process = Process()
        process.executableURL = cc
        process.arguments = environment.compileFlags() + [
            "-I", environment.aixIncludeDirectory.path, "-I", environment.abiIncludeDirectory.path,
            "-isystem", KextCompiler.builtinIncludeDirectory(of: cc) ?? "/nonexistent",
            Fixture.path("direct_service"), "-o", object.path,
        ]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let report = KextRun.run(LoadRequest(kext: object.path, entry: "direct_service_entry"))
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("vm_galloc") == true)
        #expect(report.error?.contains("aixsim load file.c") == true)
    }
}
