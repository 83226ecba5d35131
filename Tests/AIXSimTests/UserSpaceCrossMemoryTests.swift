import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Cross-memory descriptors: attach at the system call, copy at interrupt level, detach at
/// completion; XMEM_INVAL after detach; attachments never detached. Serialized: the runs share
/// the process's fault-signal handlers.
@Suite("User space: cross-memory descriptors", .serialized)
struct UserSpaceCrossMemoryTests {
    @Test("xmattach at the system call, xmemout and xmdetach from the interrupt handler")
    func attachCopyDetach() throws {
        let report = UserSpaceSystemCallTests.run("kx_ring", program: "kx_ring.json")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message)) \(report.crash?.message ?? "")")
        let user = try #require(report.user)
        #expect(user.steps.allSatisfy { $0.met })
        #expect(user.steps.first { $0.check == "buf" }?.contents == "data from the de")
        let out = try #require(report.calls.first { $0.service == "xmemout" })
        #expect(out.result == 0 && out.context?.contains("interrupt level") == true,
                "the copy happens at interrupt level, with no process current")
        #expect(report.calls.first { $0.service == "xmdetach" }?.context?.contains("interrupt level") == true)
    }

    @Test("xmemout through a detached descriptor (XMEM_INVAL) fails with EFAULT")
    func afterDetach() throws {
        let report = UserSpaceSystemCallTests.run("kx_ring", program: "kx_ring.json")
        let outs = report.calls.filter { $0.service == "xmemout" }
        #expect(outs.map(\.result) == [0, 14])
        #expect(outs.last?.detail?.contains("XMEM_INVAL") == true)
    }

    @Test("xmattach of a kernel address as a user buffer fails with XMEM_FAIL")
    func attachKernelAddress() throws {
        let report = UserSpaceSystemCallTests.run("kx_ring", program: "kx_ring.json")
        #expect(report.results(of: "xmattach") == [0, -1])
        #expect(report.calls.filter { $0.service == "xmattach" }.last?.resultText == "XMEM_FAIL")
    }

    @Test("An attachment never detached is a finding at unload")
    func neverDetached() throws {
        let report = try UserSpaceSystemCallTests.run("kx_ring", programText: """
            { "buffers": [ { "name": "buf", "size": 16 } ],
              "steps": [ { "call": "kx_ring_read", "args": ["@buf", 16], "expect": 0 } ] }
            """)
        #expect(report.outcome == .findings)
        #expect(report.findings.map(\.kind) == [.xmemNotDetached])
        #expect(report.findings.first?.message.contains("never detached") == true)
    }

    @Test("xmempin/xmemunpin on an attached user buffer: inside 0, outside EFAULT, unpinned EINVAL, detached EFAULT")
    func pinThroughDescriptor() throws {
        let report = UserSpaceSystemCallTests.run("kx_xpin", program: "kx_xpin.json")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message))")
        #expect(report.user?.steps.first?.result == 0)
        #expect(report.results(of: "xmempin") == [0, 14, 22, 14])
        #expect(report.results(of: "xmemunpin") == [0, 22])
    }
}
