import Foundation
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader

/// A character device driver reached through the device switch table: the user program's
/// open/read/write/ioctl/close reach the driver's entry points with user-space uios and the
/// user's ioctl argument. Serialized: the runs share the process's fault-signal handlers.
@Suite("User space: the device switch and a character driver", .serialized)
struct UserSpaceDeviceTests {
    @Test("makedev packs major and minor 16 bits each, as major() and minor() unpack them")
    func deviceNumbers() {
        let d = DeviceNumber(major: 30, minor: 7)
        #expect(d.rawValue == 30 << 16 | 7)
        #expect(d.major == 30 && d.minor == 7)
        #expect(DeviceNumber(rawValue: 0x0028_0001).description == "40,1")
    }

    @Test("open, write, ioctl, read and close reach the driver through its devsw entry")
    func driverCalls() throws {
        let report = UserSpaceSystemCallTests.run("kx_chardev", program: "kx_chardev.json")
        #expect(report.outcome == .ok, "\(report.findings.map(\.message)) \(report.error ?? "")")
        let user = try #require(report.user)
        #expect(user.steps.allSatisfy { $0.met })
        #expect(user.steps.compactMap(\.result) == [-1, -1, 3, 4, 0, -1, 4, -1, -1, 0, -1])
        #expect(user.steps.compactMap(\.errno) == ["ENXIO", "ENXIO", "EFAULT", "EFAULT", "EINVAL", "EBADF"])
        #expect(user.steps.filter { $0.check != nil }.map(\.contents) == ["4 0 0 0", "ring"])
        #expect(report.results(of: "devswadd") == [0] && report.results(of: "devswdel") == [0])
        #expect(report.calls.first { $0.service == "devswqry" }?.resultText?.contains("DSW_DEFINED") == true)
    }

    @Test("devswqry reports AIX 5.3's DSW_ bits: defined, and a read and a write entry point")
    func devswqryStatusBits() throws {
        let report = UserSpaceSystemCallTests.run("kx_chardev", program: "kx_chardev.json")
        let query = try #require(report.calls.first { $0.service == "devswqry" })
        #expect(query.resultText == "0, status DSW_DEFINED|DSW_CREAD|DSW_CWRITE")
    }

    @Test("uiomove moves user-space uio buffers, and refuses a kernel address in one with EFAULT")
    func uiomoveUserBuffers() {
        let report = UserSpaceSystemCallTests.run("kx_chardev", program: "kx_chardev.json")
        let moves = report.calls.filter { $0.service == "uiomove" }
        #expect(moves.map(\.result) == [0, 0, 14])
        #expect(moves.last?.detail?.contains("not accessible") == true)
    }

    @Test("A devsw entry left at unload is a finding; a second devswadd on one major is EEXIST")
    func leftoverEntry() {
        let report = Fixture.run("kx_devleak")
        #expect(report.outcome == .findings)
        #expect(report.findings.map(\.kind) == [.deviceSwitchEntry])
        #expect(report.results(of: "devswadd") == [0, 17])
    }

    @Test("The human report names the driver for each file call")
    func humanReport() throws {
        let r = try AIXSimCommand.run(["load", Fixture.path("kx_chardev"), "--user",
                                       UserSpaceSystemCallTests.programs.appending(path: "kx_chardev.json").path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("user> open(30,0, O_RDWR)   [device driver kx_chardev]"))
        #expect(r.stdout.contains("uiomove(cp="))
        #expect(r.stdout.contains("user< returned -1, errno EBADF"))
    }
}
