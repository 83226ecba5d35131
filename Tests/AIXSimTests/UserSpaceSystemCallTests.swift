import Foundation
import PowerArch
import VMM
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// A simulated user process driving C kexts through the system calls their export files
/// declare, and the copy services that cross the user/kernel boundary. Serialized: the runs
/// share the process's fault-signal handlers.
@Suite("User space: system calls and copyin/copyout", .serialized)
struct UserSpaceSystemCallTests {
    static let programs = Fixture.directory.deletingLastPathComponent().appending(path: "UserPrograms")

    static func run(_ kext: String, program: String) -> RunReport {
        var request = LoadRequest(kext: Fixture.path(kext), entry: "\(kext)_entry")
        request.user = programs.appending(path: program).path
        return KextRun.run(request)
    }

    /// Runs `kext` with a user program written for the test.
    static func run(_ kext: String, programText: String) throws -> RunReport {
        let file = FileManager.default.temporaryDirectory.appending(path: "aixsim-user-\(UUID().uuidString).json")
        try programText.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        var request = LoadRequest(kext: Fixture.path(kext), entry: "\(kext)_entry")
        request.user = file.path
        return KextRun.run(request)
    }

    // MARK: - System calls from export files

    @Test("Export files: symbols, the syscall keywords, comments, and a bad keyword's line")
    func exportFileParsing() throws {
        let file = try ExportFile(parsing: "#!\n* comment\nkx_a syscall64\nkx_b\tsyscall3264\nkx_c syscall\nkx_d syscall32\nkx_e\n")
        #expect(file.symbols.map(\.name) == ["kx_a", "kx_b", "kx_c", "kx_d", "kx_e"])
        #expect(file.symbols.map(\.kind) == [.syscall64, .syscall3264, .syscall32, .syscall32, .kernel])
        #expect(file.systemCalls.map(\.name) == ["kx_a", "kx_b", "kx_c", "kx_d"])
        #expect(file.symbols.map(\.kind.reachableFrom64BitProcess) == [true, true, false, false, false])
        #expect(throws: ExportFile.ParseError(line: 2, text: "unknown keyword 'sycall64'")) {
            try ExportFile(parsing: "#!\nkx_a sycall64\n")
        }
    }

    @Test("A user program's system calls reach the kext, return its result, and see setuerror as errno")
    func systemCalls() throws {
        let report = Self.run("kx_copy", program: "kx_copy.json")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message)) \(report.error ?? "")")
        let user = try #require(report.user)
        #expect(user.steps.filter { $0.call != nil }.map(\.result)
                == [10, -1, -1, 6, -1, 41, -1])
        #expect(user.steps.compactMap(\.errno) == ["EFAULT", "EFAULT", "ENAMETOOLONG", "EFAULT"])
        #expect(user.steps.allSatisfy { $0.met })
        #expect(user.steps.compactMap(\.kext).allSatisfy { $0 == "kx_copy" })
        #expect(user.buffers["msg"] == UserAddressSpace.dataSegmentBase.description,
                "user buffers live in the process's data segment, not in kernel memory")
        // The kernel side of each system call is traced under the user phase.
        #expect(report.calls.filter { $0.phase == "user" }.map(\.service).prefix(2) == ["copyin", "copyout"])
    }

    @Test("An export naming a symbol the kext does not define fails the load")
    func undefinedExport() {
        let report = Fixture.run("kx_unexported")
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("exports kx_unexported_call but does not define it") == true)
    }

    @Test("A system call exported for 32-bit processes only is out of the 64-bit process's reach")
    func syscall32Only() throws {
        let report = Self.run("kx_old", program: "kx_old.json")
        #expect(report.outcome == .findings)
        #expect(report.findings.map(\.kind) == [.userExpectation])
        #expect(report.findings.first?.message.contains("exported as syscall32") == true)
        #expect(report.user?.steps.first?.result == nil, "the call was never made")
    }

    @Test("A result other than the program expects is a finding naming the step")
    func unmetExpectation() throws {
        let report = try Self.run("kx_copy", programText: """
            { "buffers": [ { "name": "s", "text": "abc" } ],
              "steps": [ { "call": "kx_namelen", "args": ["@s"], "expect": 4 },
                         { "check": "s", "text": "abd" },
                         { "call": "kx_nosuch", "args": [] } ] }
            """)
        #expect(report.outcome == .findings)
        #expect(report.findings.map(\.kind) == [.userExpectation, .userExpectation, .userExpectation])
        #expect(report.findings[0].message.contains("kx_namelen returned 3, the program expected 4"))
        #expect(report.findings[1].message.contains("buffer s holds \"abc\""))
        #expect(report.findings[2].message.contains("not a system call any loaded kext exports"))
    }

    // MARK: - The copy services' rules

    @Test("copyin and copyout refuse a kernel address as the user buffer with EFAULT, copying nothing")
    func kernelAddressAsUserBuffer() throws {
        let report = Self.run("kx_copy", program: "kx_copy.json")
        let refused = report.calls.filter { $0.error == "EFAULT" && ["copyin", "copyout"].contains($0.service) }
        #expect(refused.count == 3)
        #expect(refused.allSatisfy { ($0.detail ?? "").contains("is a kernel address") })
        // kx_leak's copyout to its own xmalloc'd buffer: refused, not a crash.
        #expect(report.crash == nil)
        #expect(report.user?.steps.last?.errno == "EFAULT")
    }

    @Test("copyinstr stops at max bytes with ENAMETOOLONG; fubyte/fuword/subyte/suword reach user memory")
    func stringsBytesAndWords() throws {
        let report = Self.run("kx_copy", program: "kx_copy.json")
        #expect(report.results(of: "copyinstr") == [0, 86])
        #expect(report.results(of: "fubyte") == [41])
        #expect(report.results(of: "fuword") == [21])
        #expect(report.results(of: "subyte") == [0] && report.results(of: "suword") == [0])
        let checks = report.user?.steps.filter { $0.check != nil }.map(\.contents)
        #expect(checks == ["HELLO, AIX", "42", "42 0 0 0"])
    }

    @Test("Without a user process (at CFG_INIT) copyin fails with EFAULT and fubyte with -1")
    func noUserProcess() {
        let report = Fixture.run("kx_noproc")
        #expect(report.outcome == .ok)
        #expect(report.results(of: "copyin") == [Int64(AIXErrno.badAddress.rawValue)])
        #expect(report.calls.first { $0.service == "copyin" }?.detail?.contains("no user process") == true)
        #expect(report.results(of: "fubyte") == [-1])
    }

    @Test("Kernel code dereferencing a user pointer takes a DSI at the user address")
    func userPointerDereferenced() throws {
        let report = Self.run("kx_deref", program: "kx_deref.json")
        #expect(report.outcome == .crash)
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        #expect(crash.ea == UserAddressSpace.dataSegmentBase)
        #expect(crash.access == .load)
        #expect(crash.phase == .user)
        #expect(crash.message.contains("user address"))
        #expect(crash.location?.hasPrefix("kx_deref_sum") == true)
    }

    @Test("An interrupt handler storing through a user pointer kept from a system call takes a DSI: no process's memory is reachable there")
    func userPointerAtInterruptLevel() throws {
        let report = Self.run("kx_intr_deref", program: "kx_intr_deref.json")
        #expect(report.outcome == .crash)
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        #expect(crash.ea == UserAddressSpace.dataSegmentBase)
        #expect(crash.access == .store)
        #expect(crash.location?.hasPrefix("kx_intr_deref_interrupt") == true)
        #expect(crash.message.contains("user address"))
    }

    @Test("The human report shows each system call's user side and the kernel calls inside it")
    func humanReport() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("kx_copy"), "--user",
                                       Self.programs.appending(path: "kx_copy.json").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("USER PROCESS"))
        #expect(r.stdout.contains("user> kx_shout(msg=0x110000000, out=0x110000010, 10)"))
        #expect(r.stdout.contains("user< returned -1, errno EFAULT"))
        #expect(r.stdout.contains("copyin(uaddr=0x110000000"))
    }
}
