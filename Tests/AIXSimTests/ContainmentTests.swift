import Foundation
import Testing
import KextFixtures

/// Hostile and buggy kexts (Tests/Kexts/containment/): whatever they do to the process running
/// them, `aixsim load` prints one complete report in AIX terms with the right exit status.
@Suite("Containment: a kext cannot take aixsim down with it", .serialized)
struct ContainmentTests {
    struct Run {
        let status: Int32
        let object: [String: Any]
        var crash: [String: Any] { object["crash"] as? [String: Any] ?? [:] }
        var kind: String? { crash["kind"] as? String }
        var calls: [[String: Any]] { object["calls"] as? [[String: Any]] ?? [] }
    }

    static func load(_ name: String, _ options: [String] = []) throws -> Run {
        let r = try AIXSimCommand.run(["load", Fixture.path(name), "--entry", "\(name)_entry", "--json"] + options)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any],
                                  "\(name): stdout is not one JSON document: \(r.stdout.prefix(200)) stderr: \(r.stderr)")
        return Run(status: r.status, object: object)
    }

    @Test("An illegal instruction is a program interrupt at the kext's instruction")
    func illegalInstruction() throws {
        let r = try Self.load("ct_illegal")
        #expect(r.status == 3 && r.kind == "program-interrupt")
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_illegal_entry+0x") == true)
        #expect(r.crash["phase"] as? String == "CFG_INIT")
    }

    @Test("A divide by zero is a host artefact: POWER's divide does not trap")
    func divideByZero() throws {
        let r = try Self.load("ct_divide")
        #expect(r.status == 3 && r.kind == "host-trap")
        #expect((r.crash["explanation"] as? String)?.contains("never trap") == true)
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_divide_entry+0x") == true)
    }

    @Test("A store through a non-canonical pointer the decoder cannot take names no address, never 0x0")
    func nonCanonical() throws {
        let r = try Self.load("ct_noncanonical_fs")
        #expect(r.status == 3 && r.kind == "dsi")
        #expect(r.crash["ea"] == nil)
        let message = try #require(r.crash["message"] as? String)
        #expect(message.contains("unknown address") && !message.contains("0x0"))
    }

    @Test("A signal the kext sends itself is not a storage interrupt")
    func selfSignal() throws {
        let r = try Self.load("ct_self_signal")
        #expect(r.status == 3 && r.kind == "host-signal")
        #expect((r.crash["message"] as? String)?.contains("SIGSEGV") == true)
    }

    @Test("exit_group from the kext: a crash of kind exit, with the calls made before it")
    func exitGroup() throws {
        let r = try Self.load("ct_exit")
        #expect(r.status == 3 && r.kind == "exit")
        let temporary = FileManager.default.temporaryDirectory.path
        let left = try FileManager.default.contentsOfDirectory(atPath: temporary)
            .filter { $0.hasPrefix("aixsim-") }
            .filter { (try? FileManager.default.contentsOfDirectory(atPath: "\(temporary)/\($0)"))?.contains("libct_exit_kext.so") == true }
        #expect(left.isEmpty, "the worker's compile directory is left behind: \(left)")
        #expect((r.crash["message"] as? String)?.contains("exit status 7") == true)
        #expect(r.calls.map { $0["service"] as? String } == ["vm_galloc"])
    }

    @Test("A spin without kernel calls is stopped by the watchdog, at the loop")
    func spin() throws {
        let r = try Self.load("ct_spin", ["--watchdog", "300ms"])
        #expect(r.status == 3 && r.kind == "hang")
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_spin_entry+0x") == true)
    }

    @Test("A spin with the watchdog's signal blocked is ended by the supervisor")
    func maskedSpin() throws {
        let r = try Self.load("ct_spin_masked", ["--watchdog", "300ms"])
        #expect(r.status == 3 && r.kind == "hang")
        #expect(r.calls.map { $0["service"] as? String } == ["vm_galloc"])
        #expect(r.crash["phase"] as? String == "CFG_INIT")
    }

    @Test("A worker the kext killed with SIGTERM is host-signal, with the console so far")
    func killedWorker() throws {
        let r = try Self.load("ct_kill_self")
        #expect(r.status == 3 && r.kind == "host-signal")
        #expect((r.crash["message"] as? String)?.contains("SIGTERM") == true)
        #expect((r.crash["message"] as? String)?.contains("which the kext sent itself") == true)
        #expect((r.object["console"] as? [String])?.joined().contains("about to go 1") == true)
    }

    @Test("A SIGUSR1 the kext sends itself is host-signal, naming the signal")
    func userSignal() throws {
        let r = try Self.load("ct_signal_usr1")
        #expect(r.status == 3 && r.kind == "host-signal")
        #expect((r.crash["message"] as? String)?.contains("SIGUSR1") == true)
    }

    @Test("A thread started by kext code is refused: clone is a sandbox violation")
    func cloneThread() throws {
        let r = try Self.load("ct_clone_thread")
        #expect(r.status == 3 && r.kind == "sandbox-violation")
        #expect((r.crash["message"] as? String)?.contains("clone (56)") == true)
    }

    @Test("A store into the kext's own kernel-services table is a DSI that says so")
    func servicesTableStore() throws {
        let r = try Self.load("ct_table_store")
        #expect(r.status == 3 && r.kind == "dsi")
        #expect(r.crash["access"] as? String == "store")
        #expect((r.crash["message"] as? String)?.contains("kernel-services table") == true)
        #expect((r.crash["explanation"] as? String)?.contains("store into its kernel-services table") == true)
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_table_store_entry+0x") == true)
    }

    @Test("A constructor's fault is the kext's crash, in the load phase")
    func constructor() throws {
        let r = try Self.load("ct_ctor_fault")
        #expect(r.status == 3 && r.kind == "dsi")
        #expect(r.crash["phase"] as? String == "load")
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_ctor_setup+0x") == true)
    }

    @Test("A destructor's fault keeps the complete run before it")
    func destructor() throws {
        let r = try Self.load("ct_dtor_fault")
        #expect(r.status == 3 && r.kind == "dsi")
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_dtor_teardown+0x") == true)
        #expect(r.calls.map { $0["service"] as? String } == ["vm_galloc", "vm_gfree"])
        let entry = try #require(r.object["entry"] as? [String: Any])
        #expect(entry["init"] as? Int == 0 && entry["term"] as? Int == 0)
    }

    @Test("A write to the host's stdout is refused by the sandbox and reported; the JSON stays clean")
    func hostOutput() throws {
        let r = try Self.load("ct_write_stdout")
        #expect(r.status == 3 && r.kind == "sandbox-violation")
        #expect((r.crash["message"] as? String)?.contains("write (1)") == true)
        #expect((r.crash["location"] as? String)?.hasPrefix("ct_write_stdout_entry+0x") == true)
    }

    @Test("fork is refused by the sandbox: no second process, no second report")
    func fork() throws {
        let r = try Self.load("ct_fork")
        #expect(r.status == 3 && r.kind == "sandbox-violation")
        #expect((r.crash["message"] as? String)?.contains("fork (57)") == true)
    }

    @Test("Creating a host file is refused and leaves no file behind")
    func createFile() throws {
        let path = "/tmp/aixsim-containment-created-file"
        try? FileManager.default.removeItem(atPath: path)
        let r = try Self.load("ct_create_file")
        #expect(r.status == 3 && r.kind == "sandbox-violation")
        #expect((r.crash["message"] as? String)?.contains("openat") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("A kext cannot install its own SIGSEGV handler")
    func ownHandler() throws {
        let r = try Self.load("ct_own_handler")
        #expect(r.status == 3 && r.kind == "sandbox-violation")
        #expect((r.crash["message"] as? String)?.contains("rt_sigaction") == true)
    }

    /// `aixsim load ct_spin --json` with no watchdog, started: a kext that spins until a signal
    /// ends the run. Returns the supervisor and the pipe its JSON report comes through.
    static func startSpinningKext() throws -> (process: Process, out: Pipe) {
        let process = Process()
        process.executableURL = AIXSimCommand.executable
        process.arguments = ["load", Fixture.path("ct_spin"), "--entry", "ct_spin_entry", "--json", "--watchdog", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        return (process, out)
    }

    @Test("Ctrl-C prints the report so far and exits 130, leaving no worker behind")
    func interrupt() throws {
        let (process, out) = try ContainmentTests.startSpinningKext()
        Thread.sleep(forTimeInterval: 1.5)
        process.interrupt()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let object = try #require(try JSONSerialization.jsonObject(with: stdout) as? [String: Any])
        #expect((object["crash"] as? [String: Any])?["kind"] as? String == "interrupted")
        #expect(Self.processesRunning(Fixture.path("ct_spin")).isEmpty)
    }

    /// Processes whose command line mentions `text` (read from /proc).
    static func processesRunning(_ text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.allSatisfy(\.isNumber) }.compactMap { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return nil }
            let line = String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self)
            return line.contains(text) ? pid : nil
        }
    }
}

extension ContainmentTests {
    @Test("Tens of thousands of xmalloc calls: the trace keeps counting past its limit, findings are capped")
    func manyAllocations() throws {
        let r = try Self.load("ct_many_xmalloc")
        #expect(r.status == 4)
        #expect(r.calls.count == 10_000)
        #expect(r.object["callsNotShown"] as? Int == 41_500 - 10_000)
        #expect((r.object["findings"] as? [Any])?.count == 1000)
        #expect(r.object["findingsNotShown"] as? Int == 500)
    }
}
