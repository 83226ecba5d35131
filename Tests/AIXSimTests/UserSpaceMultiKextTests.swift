import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Several kexts in one kernel: one's export file resolves another's imports, calls between
/// them are direct, each keeps its own table and accounting, and the unload order respects who
/// imports from whom. Serialized: the runs share the process's fault-signal handlers.
@Suite("User space: several kexts in one kernel", .serialized)
struct UserSpaceMultiKextTests {
    static func run(user: String? = nil, unloadOrder: [String]? = nil) -> RunReport {
        var request = LoadRequest(kext: Fixture.path("kx_lib"))
        request.more = [Fixture.path("kx_client")]
        request.unloadOrder = unloadOrder
        request.user = user.map { UserSpaceSystemCallTests.programs.appending(path: $0).path }
        return KextRun.run(request)
    }

    @Test("An import another kext exports binds to it; loaded alone it is unresolved")
    func importsResolve() {
        let alone = Fixture.run("kx_client")
        #expect(alone.outcome == .loadError)
        #expect(alone.error?.contains("kx_lib_scale") == true)
        let together = Self.run()
        #expect(together.outcome == .ok, "\(together.error ?? "") \(together.findings.map(\.message))")
        #expect(together.loaded?.map(\.name) == ["kx_lib", "kx_client"])
        #expect(together.loaded?.map(\.initResult) == [0, 0], "kx_client's CFG_INIT checks the direct calls")
    }

    @Test("A user program's system call in one kext reaches the other's code directly")
    func callsAcrossKexts() throws {
        let report = Self.run(user: "kx_client.json")
        #expect(report.outcome == .ok)
        let step = try #require(report.user?.steps.first)
        #expect(step.kext == "kx_client" && step.result == 42)
    }

    @Test("Unloading in reverse load order is clean; unloading the exporter first is deferred, as AIX does")
    func unloadOrder() {
        let clean = Self.run()
        #expect(clean.findings.isEmpty)
        #expect(clean.loaded?.map(\.termResult) == [0, 0])
        let wrong = Self.run(unloadOrder: ["kx_lib", "kx_client"])
        #expect(wrong.outcome == .findings)
        #expect(wrong.findings.map(\.kind) == [.unloadRefused])
        #expect(wrong.findings.first?.message.contains("kx_lib cannot be unloaded before kx_client") == true)
        // kx_client's CFG_TERM ran first despite the request: the trace shows both terms, client's before lib's.
        #expect(wrong.loaded?.map(\.termResult) == [0, 0])
    }

    @Test("aixsim load K1 K2 lists the kexts in load order")
    func commandLine() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("kx_lib"), Fixture.path("kx_client"),
                                       "--unload-order", "kx_lib,kx_client"])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stdout.contains("kexts, in load order: kx_lib (CFG_INIT 0, CFG_TERM 0), kx_client (CFG_INIT 0, CFG_TERM 0)"))
        #expect(r.stdout.contains("[unload-refused]"))
    }
}
