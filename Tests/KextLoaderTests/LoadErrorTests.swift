import Foundation
import Testing
@testable import Kernel
@testable import KextLoader
import KextFixtures

/// Kexts the loader refuses, and how it finds the entry point: unresolved imports, services
/// referenced directly, a foreign ABI, C that does not compile, files that are no kext.
/// Serialized: loads share the process's fault-signal handlers.
@Suite("Loader: load errors and entry points", .serialized)
struct LoadErrorTests {
    // MARK: - Load errors

    @Test("Imports the kernel does not export are refused, naming each one")
    func unresolvedImports() {
        let report = Fixture.run("imports_libc")
        #expect(report.outcome == .loadError && report.outcome.exitStatus == 1)
        #expect(report.error?.contains("imports fopen, malloc, pthread_create") == true)
        #expect(report.calls.isEmpty, "nothing of the kext ran")
    }

    // The refusal this test made (a service as an external symbol) now applies only to kexts
    // built without aixsim's stubs: HeaderFidelityTests.prebuiltImportsService.
    @Test("A kernel service the kext declares itself is bound to its table, as AIX's loader bound it")
    func directService() {
        let report = Fixture.run("direct_service")
        #expect(report.error == nil)
        let results = report.results(of: "vm_galloc")
        #expect(!results.isEmpty && results.allSatisfy { $0 == 0 }, "\(results)")
    }

    @Test("A kext built for another ABI version is refused")
    func wrongABI() {
        let report = Fixture.run("wrong_abi")
        #expect(report.error?.contains("ABI version 999") == true)
        #expect(report.error?.contains("version \(ExportList.abiVersion)") == true)
        let plain = Fixture.run("no_headers")
        #expect(plain.error?.contains("was not compiled against aixsim's AIX headers") == true)
    }

    @Test("Without --entry and an ELF entry address, the error lists the kext's functions")
    func noEntry() {
        let report = KextRun.run(LoadRequest(kext: Fixture.path("no_entry")))
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("--entry") == true)
        #expect(report.error?.contains("first_function, second_function") == true)
        let wrong = Fixture.run("no_entry", entry: "third_function")
        #expect(wrong.error?.contains("no function named third_function") == true)
    }

    @Test("Without --entry, the ELF entry address recorded at link time names the entry point")
    func recordedEntry() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "aixsim-entry-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let object = try KextCompiler(environment: KextBuildEnvironment())
            .compile(URL(fileURLWithPath: Fixture.path("no_entry")), entry: "second_function", into: dir)
        let report = KextRun.run(LoadRequest(kext: object.path))
        #expect(report.kext?.entry == "second_function")
        // second_function(CFG_INIT = 1) returns 2: CFG_INIT failed with errno 2.
        #expect(report.entry.`init` == 2 && report.outcome == .entryFailed)
    }

    @Test("C that does not compile is a load error carrying the compiler's diagnostics")
    func compileError() {
        let report = Fixture.run("compile_error")
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("does not compile") == true)
        #expect(report.diagnostics?.contains("this_is_not_declared") == true)
    }

    @Test("A C file's NAME_entry is its entry point when nothing else names one")
    func conventionalEntry() {
        let report = KextRun.run(LoadRequest(kext: Fixture.path("leak")))
        #expect(report.kext?.entry == "leak_entry")
        #expect(report.outcome == .findings)
    }

    @Test("Missing files, non-ELF files and unknown samples are one-line load errors")
    func badInput() throws {
        #expect(KextRun.run(LoadRequest(kext: "/nonexistent/k.so")).error == "no such file: /nonexistent/k.so")
        let text = FileManager.default.temporaryDirectory.appending(path: "aixsim-not-elf-\(getpid()).so")
        try "not an object".write(to: text, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: text) }
        #expect(KextRun.run(LoadRequest(kext: text.path)).error?.contains("is not an ELF object") == true)
        let unknown = KextRun.run(LoadRequest(kext: "no_such_sample"))
        #expect(unknown.error?.contains("no sample kext named 'no_such_sample'") == true)
        #expect(unknown.error?.contains("hello") == true)
        for report in [unknown] { #expect(report.error?.contains("\n") == false) }
    }
}
