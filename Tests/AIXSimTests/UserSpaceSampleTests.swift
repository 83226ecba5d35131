import Foundation
import Testing
@testable import Kernel
@testable import KextLoader

/// The user-space samples in kext-samples/, each with its user program, as their comments say
/// to run them. Serialized: the runs share the process's fault-signal handlers.
@Suite("User space: the samples and their user programs", .serialized)
struct UserSpaceSampleTests {
    static func run(_ kexts: [String], program: String) -> RunReport {
        var request = LoadRequest(kext: kexts[0])
        request.more = Array(kexts.dropFirst())
        request.user = KextBuildEnvironment().samplesDirectory.appending(path: program).path
        return KextRun.run(request)
    }

    @Test("ring_device: open/write/ioctl/read/close, the interrupt filling the user's buffer through xmemout")
    func ringDevice() throws {
        let report = Self.run(["ring_device"], program: "ring_device.user.json")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message)) \(report.crash?.message ?? "")")
        let user = try #require(report.user)
        #expect(user.steps.allSatisfy { $0.met })
        #expect(user.steps.compactMap(\.contents) == ["filled at interr", "1 0 0 0", "filled at interrupt level"])
        #expect(report.calls.first { $0.service == "xmemout" }?.context?.contains("interrupt level") == true)
    }

    @Test("pin_syscall: pinu on the user's buffer, copyin, copyout, unpinu; EFAULT for a kernel address")
    func pinSyscall() throws {
        let report = Self.run(["pin_syscall"], program: "pin_syscall.user.json")
        #expect(report.outcome == .ok)
        #expect(report.user?.steps.allSatisfy { $0.met } == true)
        #expect(report.results(of: "pinu") == [0, 14])
        #expect(report.calls.first { $0.service == "pinu" }?.arguments.first?.value == "0x110000000",
                "the trace shows the user address as the process sees it")
    }

    @Test("lib_export and lib_import: a system call in one kext calling the other's exported service")
    func libraryPair() throws {
        let report = Self.run(["lib_export", "lib_import"], program: "lib_import.user.json")
        #expect(report.outcome == .ok, "\(report.error ?? "")")
        #expect(report.user?.steps.map(\.result) == [226, -1])
        let alone = KextRun.run(LoadRequest(kext: "lib_import"))
        #expect(alone.outcome == .loadError)
        #expect(alone.error?.contains("lib_checksum") == true)
    }
}
