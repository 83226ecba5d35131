import Foundation
import PowerArch
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// The C form of the user side (`--user prog.c`): real C kexts driven by real C programs built
/// against aixsim's user-side AIX headers, main on a stack in the user segment. Serialized: the
/// runs share the process's fault-signal handlers.
@Suite("User space: C user programs", .serialized)
struct UserProgramCTests {
    static let programs = Fixture.directory.deletingLastPathComponent().appending(path: "UserPrograms")
    static let root = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ kext: String, program: String) -> RunReport {
        var request = LoadRequest(kext: Fixture.path(kext), entry: "\(kext)_entry")
        request.user = programs.appending(path: program).path
        return KextRun.run(request)
    }

    static func run(_ kext: String, programText: String) throws -> RunReport {
        let directory = FileManager.default.temporaryDirectory.appending(path: "aixsim-cuser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appending(path: "prog.c")
        try programText.write(to: file, atomically: true, encoding: .utf8)
        var request = LoadRequest(kext: Fixture.path(kext), entry: "\(kext)_entry")
        request.user = file.path
        return KextRun.run(request)
    }

    static func isUserAddress(_ text: String) -> Bool {
        guard let value = UInt64(text.dropFirst(2), radix: 16) else { return false }
        return value >= UserAddressSpace.textSegmentBase.rawValue && value < 0x0000_0001_2000_0000
    }

    @Test("A C program's system calls: locals and string literals are user addresses, results and errno come back")
    func goodRun() throws {
        let report = Self.run("kx_copy", program: "kx_copy.c")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message)) \(report.error ?? "") \(report.diagnostics ?? "")")
        let user = try #require(report.user)
        #expect(user.isC)
        #expect(user.exitStatus == 0, "the program counts its own unexpected results in its exit status")
        let calls = user.steps.filter { $0.call != nil }
        #expect(calls.map(\.call) == ["kx_shout", "kx_shout", "kx_shout", "kx_namelen", "kx_namelen", "kx_bump"])
        #expect(calls.map(\.result) == [10, -1, -1, 6, -1, 41])
        #expect(calls.map(\.errno) == [nil, "EFAULT", "EFAULT", nil, "ENAMETOOLONG", nil])
        #expect(calls.allSatisfy { $0.kext == "kx_copy" })
        // The program declared kx_shout with three parameters, kx_namelen with one.
        #expect(calls.map(\.arguments.count) == [3, 3, 3, 1, 1, 2])
        // A local array (stack) and a string literal (program text) are both the process's.
        #expect(Self.isUserAddress(calls[0].arguments[0].value), "\(calls[0].arguments)")
        #expect(calls[3].arguments[0].value.hasPrefix("0x1000"), "a literal lives in the program's text segment")
        #expect(user.steps.compactMap(\.printed) == ["out=HELLO, AIX byte=42 word=42 bad=0\n"])
        // The kernel side of each call is traced under the user phase, as for a scenario.
        #expect(report.calls.filter { $0.phase == "user" }.map(\.service).prefix(2) == ["copyin", "copyout"])
    }

    @Test("A kernel pointer passed as the user buffer is refused with EFAULT, nothing copied")
    func kernelPointerIsEFAULT() throws {
        let report = Self.run("kx_copy", program: "kx_copy.c")
        let copyins = report.calls.filter { $0.phase == "user" && $0.service == "copyin" }
        #expect(copyins.count >= 2)
        #expect(copyins[1].result == 14, "copyin from 0xF100000040000000 is EFAULT (14)")
        let copyouts = report.calls.filter { $0.phase == "user" && $0.service == "copyout" }
        #expect(copyouts.map(\.result) == [0, 14])
        let second = try #require(report.user?.steps.filter { $0.call != nil }.dropFirst().first)
        #expect(second.arguments.first?.value == "0xF100000040000000")
        #expect(second.errno == "EFAULT")
    }

    @Test("A kext dereferencing the program's local array takes a DSI at the user address")
    func kextDereferencesLocal() throws {
        let report = Self.run("kx_deref", program: "kx_deref.c")
        #expect(report.outcome == .crash)
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        let ea = try #require(crash.ea)
        #expect(ea >= UserAddressSpace.dataSegmentBase && ea.rawValue < 0x0000_0001_2000_0000, "\(ea)")
        #expect(crash.message.contains("user address"))
        #expect(report.user?.steps.first?.printed == "calling kx_deref_sum\n")
    }

    @Test("The program's globals are user memory too: a kext dereferencing one takes a DSI")
    func kextDereferencesGlobal() throws {
        let report = Self.run("kx_deref", program: "kx_deref_global.c")
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi)
        let ea = try #require(crash.ea)
        let data = try #require(report.user?.buffers["static data"].flatMap { UInt64($0.dropFirst(2), radix: 16) })
        #expect(ea.rawValue >= data && ea.rawValue < data + 0x1000,
                "the global lies in the program's static data, \(ea) vs \(data)")
    }

    @Test("open/read/write/ioctl/close reach the driver: uiomove moves user buffers, ioctl gets the user's pointer")
    func deviceCalls() throws {
        let report = Self.run("kx_chardev", program: "kx_chardev.c")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message))")
        let user = try #require(report.user)
        #expect(user.exitStatus == 0)
        let calls = user.steps.filter { $0.call != nil }
        #expect(calls.map(\.call) == ["open", "open", "open", "write", "ioctl", "ioctl", "read", "write", "close", "read"])
        #expect(calls.map(\.result) == [-1, -1, 3, 4, 0, -1, 4, -1, 0, -1])
        #expect(calls.compactMap(\.errno) == ["ENOENT", "ENXIO", "EFAULT", "EFAULT", "EBADF"])
        #expect(user.steps.compactMap(\.note) == ["mknod(\"/dev/kx\", S_IFCHR, 30,0) = 0", "mknod(\"/dev/kx1\", S_IFCHR, 30,1) = 0"])
        let ioctl = calls[4]
        #expect(ioctl.arguments.map(\.value).prefix(2) == ["3", "1"])
        #expect(Self.isUserAddress(ioctl.arguments[2].value), "the ioctl argument is the user's pointer, as passed")
        let uiomoves = report.calls.filter { $0.service == "uiomove" }
        #expect(uiomoves.map(\.result) == [0, 0, 14], "write, read, then a write from a kernel address")
    }

    @Test("The program's own NULL store is a user-process fault: no kernel crash, CFG_TERM still runs")
    func userFault() throws {
        let report = Self.run("kx_copy", program: "user_null.c")
        #expect(report.crash == nil)
        #expect(report.outcome == .findings)
        #expect(report.entry.term == 0, "the kernel runs on after the process dies")
        let fault = try #require(report.user?.fault)
        #expect(fault.signal == "SIGSEGV")
        #expect(fault.detail.contains("store to 0x0"))
        #expect(fault.detail.contains("user_null.c:10"), "\(fault.detail)")
        #expect(report.user?.steps.compactMap(\.printed) == ["namelen 6\n"], "nothing after the fault ran")
        #expect(report.findings.map(\.kind) == [.userExpectation])
    }

    @Test("A nonzero exit status is a user-expectation finding")
    func exitStatus() throws {
        let report = try Self.run("kx_copy", programText: "#include <stdlib.h>\nint main(void) { exit(3); }\n")
        #expect(report.user?.exitStatus == 3)
        #expect(report.findings.map(\.message) == ["the user program exited with status 3"])
    }

    @Test("malloc hands out user memory a system call can use; errno is set only by a failing call")
    func mallocAndErrno() throws {
        let report = try Self.run("kx_copy", programText: """
            #include <errno.h>
            #include <stdlib.h>
            #include <string.h>
            extern int kx_shout(char *src, char *dst, int len);
            int main(void)
            {
                char *in = malloc(8), *out = malloc(8);
                strcpy(in, "abc");
                errno = 0;
                if (kx_shout(in, out, 4) != 4 || strcmp(out, "ABC") != 0 || errno != 0) return 1;
                if (kx_shout(in, out, 99) != -1 || errno != EINVAL) return 2;
                return 0;
            }
            """)
        #expect(report.outcome == .ok, "\(report.findings.map(\.message)) \(report.diagnostics ?? "")")
        let notes = report.user?.steps.compactMap(\.note) ?? []
        #expect(notes.count == 2 && notes.allSatisfy { $0.hasPrefix("malloc(8) = 0x11") }, "\(notes)")
    }

    @Test("A program calling a name no kext exports does not link: the load fails and says why")
    func unresolvedSystemCall() throws {
        let report = try Self.run("kx_copy", programText: "extern int kx_missing(int);\nint main(void) { return kx_missing(1); }\n")
        #expect(report.outcome == .loadError)
        #expect(report.diagnostics?.contains("the program calls kx_missing, which no loaded kext exports") == true,
                "\(report.diagnostics ?? "")")
    }

    @Test("A program without main is a load error that says so")
    func noMain() throws {
        let report = try Self.run("kx_copy", programText: "int helper(void) { return 1; }\n")
        #expect(report.outcome == .loadError)
        #expect(report.error?.contains("defines no main") == true, "\(report.error ?? "")")
    }

    @Test("A system call exported for 32-bit programs only does not link into a 64-bit program")
    func thirtyTwoBitOnly() throws {
        let report = try Self.run("kx_old", programText: "extern int kx_old_call(void);\nint main(void) { return kx_old_call(); }\n")
        #expect(report.outcome == .loadError)
        #expect(report.diagnostics?.contains("kx_old_call, exported as syscall (32-bit programs only)") == true,
                "\(report.diagnostics ?? "")")
    }

    @Test("The samples' C programs run clean: pin_syscall (globals and malloc too), ring_device, lib_export + lib_import")
    func samples() throws {
        let samples = Self.root.appending(path: "kext-samples/user-programs")
        for (kexts, program) in [(["pin_syscall"], "pin_syscall.c"), (["ring_device"], "ring_device.c"),
                                 (["lib_export", "lib_import"], "lib_import.c")] {
            var request = LoadRequest(kext: kexts[0])
            request.more = Array(kexts.dropFirst())
            request.user = samples.appending(path: program).path
            let report = KextRun.run(request)
            #expect(report.outcome == .ok, "\(program): \(report.findings.map(\.message)) \(report.error ?? "")")
            #expect(report.user?.exitStatus == 0, "\(program)")
        }
    }

    @Test("aixsim load --user prog.c, in its sandboxed worker: user and kernel sides in the human report")
    func humanReport() throws {
        let good = try AIXSimCommand.run(["load", "pin_syscall", "--user",
                                          Self.root.appending(path: "kext-samples/user-programs/pin_syscall.c").path])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        for line in ["  user> sum_words(", "   [system call of pin_syscall]", "  user< returned 42",
                     "  user| sum_words(words, 3) = 42, words[0] now 42", "  user: exit(0)"] {
            #expect(good.stdout.contains(line), "missing \(line) in \(good.stdout)")
        }
        let fault = try AIXSimCommand.run(["load", Fixture.path("kx_copy"), "--user",
                                           Self.programs.appending(path: "user_null.c").path])
        #expect(fault.stdout.contains("  user!! process 4242 killed by SIGSEGV: store to 0x0 at main+"), "\(fault.stdout)")
        #expect(!fault.stdout.contains("SYSTEM CRASH"))
    }
}
