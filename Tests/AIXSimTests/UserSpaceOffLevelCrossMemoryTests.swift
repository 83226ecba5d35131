import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Cross-memory from an off-level bottom half (i_sched), and xmemunpin at interrupt level: AIX
/// allows it there for system-space data only. Serialized: the runs share the fault handlers.
@Suite("User space: cross-memory from i_sched, xmemunpin at interrupt level", .serialized)
struct UserSpaceOffLevelCrossMemoryTests {
    @Test("xmattach at the system call, xmemout/xmemunpin/xmdetach in the i_sched handler")
    func offLevelBottomHalf() throws {
        let report = UserSpaceSystemCallTests.run("kx_xmsched", program: "kx_xmsched.json")
        #expect(report.outcome == .ok, "\(report.crash?.message ?? "") \(report.findings.map(\.message))")
        let user = try #require(report.user)
        #expect(user.steps.allSatisfy { $0.met })
        #expect(report.results(of: "i_sched") == [0])
        let out = try #require(report.calls.first { $0.service == "xmemout" })
        #expect(out.result == 0 && out.context?.contains("interrupt level") == true, "\(out.context ?? "")")
        let unpin = try #require(report.calls.first { $0.service == "xmemunpin" })
        #expect(unpin.result == 0 && unpin.context?.contains("interrupt level") == true,
                "system-space data may be unpinned at interrupt level")
        #expect(report.results(of: "xmdetach") == [0, 0])
        #expect(report.calls.filter { $0.service == "xmattach" }.map(\.resultText) == ["XMEM_SUCC", "XMEM_SUCC"])
    }

    @Test("xmemunpin of user memory at interrupt level is an environment violation")
    func userUnpinAtInterrupt() throws {
        let report = UserSpaceSystemCallTests.run("kx_xmunpin_intr", program: "kx_xmunpin_intr.json")
        #expect(report.outcome == .crash)
        let crash = try #require(report.crash)
        #expect(crash.kind == .environmentViolation)
        #expect(crash.service == "xmemunpin" || crash.message.contains("xmemunpin"), "\(crash.message)")
        #expect(report.results(of: "xmempin") == [0], "pinning it at the system call was fine")
    }
}
