import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// The user segment in the software MMU with real kexts: copyin/copyout translate user
/// addresses through it, `--inspect` shows it, a direct dereference is explained with it.
/// Serialized: the runs share the process's fault handlers.
@Suite("User space: the user segment in the software MMU", .serialized)
struct UserSegmentMMUTests {
    static func run(_ kext: String, program: String, inspect: Bool) -> RunReport {
        var request = LoadRequest(kext: Fixture.path(kext), entry: "\(kext)_entry")
        request.user = UserSpaceSystemCallTests.programs.appending(path: program).path
        if inspect { request.inspect = [] }
        return KextRun.run(request)
    }

    @Test("After kx_copy's system calls, --inspect shows the user segment's SLB entry and its page: PP 10, R and C set by copyin/copyout")
    func inspectAfterCopies() throws {
        let report = Self.run("kx_copy", program: "kx_copy.json", inspect: true)
        #expect(report.outcome == .ok, "\(report.findings.map(\.message))")
        let user = try #require(report.inspection?.user)
        #expect(user.esid == "0x11" && user.vsid == "0x40011" && user.ks == 1 && user.kp == 1)
        #expect(user.slot != nil, "the user program runs again: the entry is in the SLB")
        #expect(user.mappedPages == 1)
        let page = try #require(user.pages.first)
        #expect(page.pp == "10" && page.referenced && page.changed, "copyout stored into the page")
        #expect(page.ea.rawValue == 0x0000_0001_1000_0000)
    }

    @Test("The human --inspect shows the user segment after the user program")
    func inspectText() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("kx_copy"), "--entry", "kx_copy_entry", "--inspect",
                                       "--user", UserSpaceSystemCallTests.programs.appending(path: "kx_copy.json").path])
        #expect(r.stdout.contains("MMU after the user program"))
        #expect(r.stdout.contains("user segment (process 4242's data): ESID 0x11 → VSID 0x40011, Ks=1 Kp=1, in SLB slot"))
        #expect(r.stdout.contains("PP 10, R=1 C=1"))
    }

    @Test("Copies still refuse kernel addresses with EFAULT, and work on the process's pages")
    func copyResults() throws {
        let report = Self.run("kx_copy", program: "kx_copy.json", inspect: false)
        #expect(report.user?.steps.allSatisfy { $0.met } == true)
        #expect(report.results(of: "copyin").contains(14) && report.results(of: "copyin").contains(0))
        #expect(report.inspection == nil, "no --inspect, no inspection")
    }

    @Test("copyout to a page of the segment the process never mapped, or across into one, is EFAULT: no PTE is made for it")
    func unmappedUserPage() throws {
        let file = FileManager.default.temporaryDirectory.appending(path: "aixsim-useg-\(UUID().uuidString).json")
        try """
            { "buffers": [ { "name": "msg", "text": "hello, aix" }, { "name": "out", "size": 16 } ],
              "steps": [ { "call": "kx_shout", "args": ["@msg", "@out+8192", 10], "expect": -1, "errno": "EFAULT" },
                         { "call": "kx_shout", "args": ["@msg", "@out+4075", 10], "expect": -1, "errno": "EFAULT" },
                         { "call": "kx_shout", "args": ["@msg", "@out", 10], "expect": 10 } ] }
            """.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var request = LoadRequest(kext: Fixture.path("kx_copy"), entry: "kx_copy_entry")
        request.user = file.path
        request.inspect = []
        let report = KextRun.run(request)
        #expect(report.user?.steps.allSatisfy { $0.met } == true, "\(report.findings.map(\.message))")
        let outs = report.calls.filter { $0.service == "copyout" }
        #expect(outs.map(\.result) == [14, 14, 0])
        #expect(outs.first?.detail?.contains("not mapped in the user process") == true, "\(outs.first?.detail ?? "")")
        #expect(report.inspection?.user?.pages.map(\.page) == [0], "only the mapped page has a PTE")
    }

    @Test("A kext dereferencing a user pointer: the DSI explanation says the kernel's SLB has no user segment entry")
    func directDereference() throws {
        let report = UserSpaceSystemCallTests.run("kx_deref", program: "kx_deref.json")
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        #expect(crash.explanation.contains("SLB has no entry for the user segment, ESID 0x11"))
    }
}
