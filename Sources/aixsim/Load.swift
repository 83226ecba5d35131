import ArgumentParser
import Foundation
import Kernel
import KextLoader
import PowerArch

extension AIXSim {
    struct Load: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load a kernel extension, run its entry point with CFG_INIT and CFG_TERM, and report.",
            discussion: """
                KEXT is a sample name (see kext-samples/), a C file, compiled against aixsim's AIX \
                headers with the system C compiler, several C files joined with + that make one \
                kext (drv.c+util.c: one shared object, named, entered and exported as the first \
                file), or a kext shared object built elsewhere.

                Exit status: 0 ok; 1 load error; 2 CFG_INIT returned non-zero; \
                3 simulated system crash (including a kext that killed, hung or exited the process \
                running it); 4 finished with findings (e.g. leaked global memory); 128+N when \
                interrupted by signal N (Ctrl-C: 130); with --expect, 0 when the outcome matched \
                and 5 when it did not; 64 usage error (a bad option value or scenario file; under \
                --json also {"error": {"kind": "usage", "message": …}} on standard output).
                """)

        @Argument(help: "The kext: a sample name, a .c file, C files of one kext joined with + (drv.c+util.c), or a .so file.")
        var kext: String

        @Argument(help: "Further kexts to load into the same kernel, in order; each may import what the ones before it export in their NAME.exp files.")
        var more: [String] = []

        @Option(name: .customLong("unload-order"), help: ArgumentHelp("The order to unload the kexts in, by name, comma-separated (default: the reverse of the load order).", valueName: "names"))
        var unloadOrder: String?

        @Option(name: .long, help: "The entry point's symbol, as `ld -e SYMBOL` names it on AIX (default: the link's entry address, else NAME_entry for NAME.c).")
        var entry: String?

        @Option(name: .long, help: "Text passed to the entry point through a struct uio, as sysconfig(SYS_CFGKMOD) passes its data.")
        var data: String?

        @Option(name: .customLong("galloc-heap"), help: "Size of the galloc heap, e.g. 64M or 16G (default 1G).")
        var gallocHeap: String?

        @Option(name: .customLong("paging-space"), help: "Paging space, e.g. 256M: every galloc'd page reserves a slot, so it bounds vm_galloc (ENOMEM beyond it) (default: the galloc heap's size).")
        var pagingSpace: String?

        @Option(name: .customLong("real-memory"), help: "Simulated real memory, e.g. 64K or 512M: beyond it the VMM pages unpinned pages out (default: the galloc heap's size).")
        var realMemory: String?

        @Option(name: .customLong("interrupt"), help: ArgumentHelp(
            "Raise a device interrupt after CFG_INIT: LEVEL[@TIME][xCOUNT], e.g. 5, 5@20ms, 5x3.",
            valueName: "level"))
        var interrupts: [String] = []

        @Option(name: .customLong("arrival-call"), help: ArgumentHelp(
            "Let everything pending on the clock (timers, timeouts) and the first --interrupt of each level come due right after the kext's Kth service call, instead of in time order (aixsim explore varies it).",
            valueName: "K"))
        var arrivalCall: Int?

        @Option(name: .customLong("run-for"), help: "Simulated time to run between CFG_INIT and CFG_TERM, e.g. 50ms or 2s (timers, timeouts and interrupts fire in order).")
        var runFor: String?

        @Option(help: "A JSON scenario: data, runFor and interrupts to raise (see docs/execution-environments.md).")
        var scenario: String?

        @Option(help: ArgumentHelp("A user program to run after CFG_INIT as the simulated user process: a C program (prog.c, built against aixsim's user-side AIX headers) or a JSON scenario of buffers and system calls (see docs/user-space.md).", valueName: "prog.c|program.json"))
        var user: String?

        @OptionGroup var xmalloc: XmallocOptions

        @Flag(help: "After CFG_INIT, show the MMU: the SLB, the page table, each region's page states, and translations step by step.")
        var inspect = false

        @Option(name: .customLong("translate"), help: ArgumentHelp("With --inspect, an effective address to translate step by step, e.g. 0xF100000040001000 (default: each region's first byte).", valueName: "ea"))
        var translate: [String] = []

        @Option(help: ArgumentHelp("The outcome the run must end in, e.g. ok, crash:dsi, findings:xmalloc-leak: exit 0 if it does, else one line saying what happened instead and exit 5.", valueName: "outcome[:kind]"))
        var expect: String?

        @Flag(help: "Keep the shared object built from a C file (for objdump -d) and say where it is; without it, temporary files are removed on every exit, Ctrl-C included.")
        var keep = false

        @OptionGroup var output: OutputOptions

        /// The exit status of a run that did not end as `--expect` said.
        static let expectationMismatch: Int32 = 5

        @Option(help: "Host time the kext may run without calling a kernel service before it is stopped as hung, e.g. 10s or 500ms; 0 turns the watchdog off.")
        var watchdog: String = "10s"

        @Option(name: .customLong("time-limit"), help: "Host time a whole run may take, e.g. 10m.")
        var timeLimit: String = "10m"

        @Option(name: .customLong("sim-time-limit"), help: "Simulated time a run may reach, e.g. 3600s (the default) or 500ms; a timer that re-arms itself for ever ends there as resource-limit.")
        var simTimeLimit: String = "3600s"

        @Option(name: .customLong("output-limit"), help: "Console output (printf bytes) a run may write, e.g. 16M (the default).")
        var outputLimit: String = "16M"

        @Option(name: .customLong("memory-limit"), help: "Host memory (resident) the process running the kext may use, e.g. 4G (the default).")
        var memoryLimit: String = "4G"

        @Flag(name: .customLong("in-process"), help: .hidden)
        var inProcess = false

        static func parseAddress(_ text: String) -> EffectiveAddress? {
            let digits = text.lowercased().hasPrefix("0x") ? String(text.dropFirst(2)) : text
            return UInt64(digits.replacingOccurrences(of: "_", with: ""), radix: 16).map { EffectiveAddress($0) }
        }

        func validate() throws {
            try xmalloc.validate()
            if let arrivalCall, arrivalCall < 1 {
                throw ValidationError("--arrival-call takes a service call number from 1, not \(arrivalCall).")
            }
            for text in interrupts where InterruptRequest(parsing: text) == nil {
                throw ValidationError("--interrupt takes LEVEL[@TIME][xCOUNT], e.g. 5 or 5@10ms or 5x3, not '\(text)'.")
            }
            if let runFor, SimulatedTime.parse(runFor) == nil {
                throw ValidationError("--run-for takes a duration such as 50ms, 2s or 3ticks, not '\(runFor)'.")
            }
            if let gallocHeap, ByteCount.parse(gallocHeap) == nil {
                throw ValidationError("--galloc-heap takes a size such as 64M or 16G, not '\(gallocHeap)'.")
            }
            for text in translate where Self.parseAddress(text) == nil {
                throw ValidationError("--translate takes a hex effective address such as 0xF100000040000000, not '\(text)'.")
            }
            if let realMemory, (ByteCount.parse(realMemory) ?? 0) < 4096 {
                throw ValidationError("--real-memory takes a size of at least one page, such as 64K or 512M, not '\(realMemory)'.")
            }
            if let expect, ExpectedOutcome(parsing: expect) == nil {
                throw ValidationError("--expect takes ok, entry-failed, crash[:KIND] or findings[:KIND] with a kind `aixsim explain` lists, not '\(expect)'.")
            }
            if let pagingSpace, ByteCount.parse(pagingSpace) == nil {
                throw ValidationError("--paging-space takes a size such as 256M or 2G, not '\(pagingSpace)'.")
            }
            if HostDuration.parse(watchdog) == nil {
                throw ValidationError("--watchdog takes a host duration such as 10s or 500ms, not '\(watchdog)'.")
            }
            if (HostDuration.parse(timeLimit) ?? .zero) <= .zero {
                throw ValidationError("--time-limit takes a host duration such as 10m or 30s, not '\(timeLimit)'.")
            }
            if (SimulatedTime.parse(simTimeLimit) ?? .zero) == .zero {
                throw ValidationError("--sim-time-limit takes a simulated duration such as 3600s or 500ms, not '\(simTimeLimit)'.")
            }
            if (ByteCount.parse(outputLimit) ?? 0) == 0 {
                throw ValidationError("--output-limit takes a size such as 16M or 64K, not '\(outputLimit)'.")
            }
            if (ByteCount.parse(memoryLimit) ?? 0) < 1 << 20 {
                throw ValidationError("--memory-limit takes a size of at least 1M, such as 4G or 512M, not '\(memoryLimit)'.")
            }
        }

        func run() throws {
            var configuration = Kernel.Configuration()
            if let gallocHeap { configuration.gallocHeapBytes = ByteCount.parse(gallocHeap)! }
            if let pagingSpace { configuration.pagingSpaceBytes = ByteCount.parse(pagingSpace)! }
            if let realMemory { configuration.realMemoryBytes = ByteCount.parse(realMemory)! }
            configuration.xmalloc = xmalloc.settings
            configuration.simulatedTimeLimit = SimulatedTime.parse(simTimeLimit)!
            configuration.outputLimitBytes = Int(clamping: ByteCount.parse(outputLimit)!)
            configuration.arrivalAfterCall = arrivalCall
            var request = LoadRequest(
                kext: kext, entry: entry, data: data, kernel: configuration,
                interrupts: interrupts.compactMap(InterruptRequest.init(parsing:)),
                runFor: runFor.flatMap(SimulatedTime.parse) ?? .zero)
            if let scenario {
                do {
                    try Scenario.load(scenario).apply(to: &request)
                } catch {
                    throw UsageError("\(error)")
                }
                // The command line wins over the scenario, even when it says 0.
                if let runFor { request.runFor = SimulatedTime.parse(runFor) ?? request.runFor }
            }
            request.user = user.map { UserProgramPath.resolve($0, besideKext: kext) }
            request.more = more
            request.unloadOrder = unloadOrder.map { $0.split(separator: ",").map(String.init) }
            if inspect || !translate.isEmpty { request.inspect = translate.compactMap(Self.parseAddress) }
            request.keepObject = keep
            let watchdogLimit = HostDuration.parse(watchdog) ?? .seconds(10)
            if ProcessInfo.processInfo.environment[WorkerChannel.variable] != nil {
                let limit = HostDuration.parse(timeLimit) ?? .seconds(600)
                Worker.run(request, watchdogMilliseconds: HostDuration.milliseconds(watchdogLimit),
                           cpuSeconds: UInt64(max(1, limit.components.seconds)))
            }
            // The kext runs in a worker process, so that whatever it does to that process the
            // report below is complete.
            var report: RunReport
            var status: Int32
            if inProcess {
                report = KextRun.run(request)
                status = report.exitStatus
            } else {
                let ending = Supervisor(
                    kextPath: kext, entry: entry,
                    watchdog: watchdogLimit == .zero ? HostDuration.parse(timeLimit)! : watchdogLimit,
                    timeLimit: HostDuration.parse(timeLimit)!,
                    memoryLimit: ByteCount.parse(memoryLimit)!).run()
                (report, status) = (ending.report, ending.status)
            }
            if keep {
                var stderr = StandardError()
                print("aixsim: " + (report.keptObject.map { "kept the built kext: \($0)" }
                    ?? "--keep: nothing was built (a sample's prebuilt object or a .so is used as it is)"), to: &stderr)
            }
            if output.json {
                try printJSON(report)
            } else if report.outcome != .loadError {
                print(HumanReport(report).text, terminator: "")
            }
            try xmalloc.show(report, json: output.json)
            if report.outcome == .loadError {
                var stderr = StandardError()
                print("aixsim: \(report.error ?? "load error")", to: &stderr)
                if let diagnostics = report.diagnostics, !output.json {
                    print(diagnostics, terminator: diagnostics.hasSuffix("\n") ? "" : "\n", to: &stderr)
                }
            }
            if let expected = expect.flatMap(ExpectedOutcome.init(parsing:)) {
                guard let mismatch = expected.mismatch(in: report) else { return }
                var stderr = StandardError()
                print("aixsim: \(mismatch)", to: &stderr)
                throw ExitCode(Self.expectationMismatch)
            }
            if status != 0 { throw ExitCode(status) }
        }
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
