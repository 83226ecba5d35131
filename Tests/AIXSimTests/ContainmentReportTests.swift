import Foundation
import Testing
import KextFixtures
#if canImport(Glibc)
import Glibc
#endif

/// What the containment reports say where the host alone says too little: structures aixsim
/// handed the kext, addresses the host does not report, and signals from outside.
extension ContainmentTests {
    @Test("A store past a trb faults on the guard page and the report names the trb")
    func trbOverrun() throws {
        let r = try Self.load("ct_trb_overrun")
        #expect(r.status == 3 && r.kind == "dsi")
        #expect(r.crash["access"] as? String == "store")
        let message = try #require(r.crash["message"] as? String)
        #expect(message.contains("8 bytes past the end of the timer request block (struct trb) talloc returned"))
        #expect((r.crash["explanation"] as? String)?.contains("120 bytes at") == true)
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_trb_overrun_entry+0x") == true)
        #expect(r.calls.map { $0["service"] as? String } == ["talloc"])
    }

    @Test("A store over the end of the entry point's iovec array names the array")
    func iovecOverrun() throws {
        let r = try Self.load("ct_iovec_overrun", ["--data", "hello"])
        #expect(r.status == 3 && r.kind == "dsi")
        let message = try #require(r.crash["message"] as? String)
        #expect(message.contains("at the first byte past the end of the iovec array of the struct uio"))
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_iovec_overrun_entry+0x") == true)
    }

    @Test("A driver's store past the iovec array of a write system call's uio names that array")
    func systemCallIovecOverrun() throws {
        let program = UserSpaceSystemCallTests.programs.appending(path: "ct_dev_uio_overrun.json").path
        let r = try Self.load("ct_dev_uio_overrun", ["--user", program])
        #expect(r.status == 3 && r.kind == "dsi")
        #expect((r.crash["message"] as? String)?.contains(
            "at the first byte past the end of the iovec array of the struct uio the read or write system call passed the driver") == true)
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_write+0x") == true)
    }

    @Test("A non-canonical store is decoded: the report shows the 0xF1… effective address and why")
    func decodedEffectiveAddress() throws {
        let r = try Self.load("ct_noncanonical")
        #expect(r.status == 3 && r.kind == "dsi")
        #expect(r.crash["ea"] as? String == "0xF100000000001000")
        #expect(r.crash["access"] as? String == "store")
        #expect((r.crash["message"] as? String)?.contains("an effective address used as a host pointer") == true)
        #expect((r.crash["explanation"] as? String)?.contains("decoded the address from the faulting instruction") == true)
    }

    @Test("A misaligned aligned-vector store is a host artefact at the decoded address")
    func misalignedVector() throws {
        let r = try Self.load("ct_misaligned_vector")
        #expect(r.status == 3 && r.kind == "host-trap")
        #expect(r.crash["access"] as? String == "store")
        let ea = try #require(r.crash["ea"] as? String)
        let value = try #require(UInt64(ea.dropFirst(2), radix: 16))
        #expect(value % 16 == 1, "decoded \(ea): buffer + 17 lies one byte past a 16-byte boundary")
        #expect((r.crash["message"] as? String)?.contains("misaligned vector store to \(ea)") == true)
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_misaligned_vector_entry+0x") == true)
    }

    /// Runs ct_spin without the watchdog, sends `signal` to the worker from here, and returns
    /// the supervisor's status and JSON report.
    static func signalWorkerFromOutside(_ signal: Int32) throws -> (status: Int32, crash: [String: Any]) {
        let (process, out) = try ContainmentTests.startSpinningKext()
        // The worker is the supervisor's only child; wait until it is in the kext's loop.
        var worker: pid_t?
        for _ in 0..<200 where worker == nil {
            Thread.sleep(forTimeInterval: 0.05)
            worker = Self.children(of: process.processIdentifier).first
        }
        Thread.sleep(forTimeInterval: 1.0)
        let pid = try #require(worker, "no worker process appeared")
        kill(pid, signal)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
        return (process.terminationStatus, object["crash"] as? [String: Any] ?? [:])
    }

    static func children(of parent: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && Int32(fields[1]) == parent
        }
    }

    @Test("SIGTERM sent to the worker from outside is not the kext's: interrupted, 128+15")
    func externalTerminate() throws {
        let (status, crash) = try Self.signalWorkerFromOutside(SIGTERM)
        #expect(status == 128 + SIGTERM)
        #expect(crash["kind"] as? String == "interrupted")
        let message = try #require(crash["message"] as? String)
        #expect(message.contains("SIGTERM, sent from outside aixsim (process \(getpid()))"))
    }

    @Test("SIGSEGV sent from outside while kext code runs is not a DSI nor the kext's signal")
    func externalFaultSignal() throws {
        let (status, crash) = try Self.signalWorkerFromOutside(SIGSEGV)
        #expect(status == 128 + SIGSEGV, "as a process that signal ended")
        #expect(crash["signal"] as? Int == Int(SIGSEGV))
        #expect(crash["kind"] as? String == "interrupted")
        #expect((crash["message"] as? String)?.contains("received SIGSEGV from outside aixsim (process \(getpid()))") == true)
    }
}
