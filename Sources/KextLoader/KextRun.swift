import Foundation
import Kernel
import PowerArch
import VMM

/// What to load and how: the `aixsim load` request.
public struct LoadRequest: Sendable {
    /// A sample name (`hello`), a C file (`mykext.c`) or a shared object (`kext.so`).
    public var kext: String
    /// The entry point's symbol, as `ld -e` names it.
    public var entry: String?
    /// Text handed to the entry point through a `struct uio`, as sysconfig(SYS_CFGKMOD) does.
    public var data: String?
    public var kernel: Kernel.Configuration
    public var environment: KextBuildEnvironment
    /// Device interrupts to raise after CFG_INIT: level, when (simulated time from the end of
    /// CFG_INIT), how many times (one simulated tick apart).
    public var interrupts: [InterruptRequest]
    /// Simulated time to let run between CFG_INIT and CFG_TERM (timers, timeouts, interrupts).
    public var runFor: SimulatedTime
    /// Inspect the MMU once CFG_INIT has returned, translating these addresses (empty: the
    /// first byte of each live region); nil: no inspection.
    public var inspect: [EffectiveAddress]?
    /// Keep the shared object built from a C file instead of removing it with the run's
    /// temporary directory (`--keep`); the report says where it is.
    public var keepObject = false

    public init(kext: String, entry: String? = nil, data: String? = nil,
                kernel: Kernel.Configuration = .init(), environment: KextBuildEnvironment = .init(),
                interrupts: [InterruptRequest] = [], runFor: SimulatedTime = .zero)
    {
        self.kext = kext
        self.entry = entry
        self.data = data
        self.kernel = kernel
        self.environment = environment
        self.interrupts = interrupts
        self.runFor = runFor
    }
}

/// `--interrupt LEVEL[@TIME][xCOUNT]`: a device interrupt to raise on a bus level.
public struct InterruptRequest: Sendable, Equatable {
    public let level: Int32
    public let at: SimulatedTime
    public let count: Int

    public init(level: Int32, at: SimulatedTime = .zero, count: Int = 1) {
        self.level = level
        self.at = at
        self.count = count
    }

    /// Parses `5`, `5@10ms`, `5x3`, `5@2ms x3` written as `5@2msx3`.
    public init?(parsing text: String) {
        var rest = Substring(text)
        var count = 1
        if let x = rest.lastIndex(of: "x"), let n = Int(rest[rest.index(after: x)...]), n > 0 {
            count = n
            rest = rest[..<x]
        }
        var at = SimulatedTime.zero
        if let a = rest.firstIndex(of: "@") {
            guard let t = SimulatedTime.parse(String(rest[rest.index(after: a)...])) else { return nil }
            at = t
            rest = rest[..<a]
        }
        guard let level = Int32(rest), level >= 0 else { return nil }
        self.init(level: level, at: at, count: count)
    }
}

/// CFG_INIT and CFG_TERM, AIX 5.3 `<sys/device.h>`.
public enum ConfigCommand: Int32, Sendable {
    case initialize = 1
    case terminate = 2

    public var aixName: String { self == .initialize ? "CFG_INIT" : "CFG_TERM" }
}

/// One `aixsim load`: resolve and build the kext, load it into a fresh kernel, run its entry
/// point with CFG_INIT and (if that succeeded) CFG_TERM, and report what happened.
public enum KextRun {
    public static func run(_ request: LoadRequest) -> RunReport {
        let kernel: Kernel
        do {
            kernel = try Kernel(configuration: request.kernel)
        } catch {
            return RunReport(loadError: .kernelSetup(error.description))
        }
        let temporary: TemporaryFiles
        do {
            temporary = try TemporaryFiles()
        } catch {
            return RunReport(loadError: .kernelSetup("cannot create a temporary directory: \(error.localizedDescription)"))
        }
        defer { temporary.remove() }
        do {
            let resolved = try resolve(request, workDirectory: temporary.directory, files: temporary)
            var keptObject: String?
            if request.keepObject, resolved.object.path.hasPrefix(temporary.directory.path) {
                temporary.keepAll()
                keptObject = resolved.object.path
            }
            let registry = KextRegistry()
            kernel.runtime = registry
            defer { withExtendedLifetime(registry) {} }
            let kext = try LoadedKext(url: resolved.object, name: resolved.name,
                                      displayPath: resolved.displayPath, entrySymbol: request.entry,
                                      conventionalEntry: resolved.conventionalEntry, kernel: kernel)
            registry.add(kext)
            var report = runEntryPoint(kext, request: request, kernel: kernel)
            report.keptObject = keptObject
            return report
        } catch {
            return RunReport(loadError: error)
        }
    }

    /// Finds or builds the shared object a request names.
    struct ResolvedKext {
        /// The shared object to open.
        let object: URL
        let name: String
        /// What to call it in messages: the file the user named, or the sample's source.
        let displayPath: String
        /// For a C file: NAME_entry, the samples' convention, used when neither --entry nor the
        /// link names an entry point.
        var conventionalEntry: String? = nil
    }

    static func resolve(_ request: LoadRequest, workDirectory: URL,
                        files: TemporaryFiles? = nil) throws(LoadError) -> ResolvedKext {
        let text = request.kext
        let fm = FileManager.default
        let looksLikePath = text.contains("/") || text.hasSuffix(".c") || text.hasSuffix(".so")
        if looksLikePath || fm.fileExists(atPath: text) {
            let url = URL(fileURLWithPath: text)
            guard fm.fileExists(atPath: url.path) else { throw .fileNotFound(text) }
            let name = url.deletingPathExtension().lastPathComponent
                .replacingOccurrences(of: "_kext", with: "").replacingOccurrences(of: "lib", with: "", options: .anchored)
            guard url.pathExtension == "c" else {
                return ResolvedKext(object: url, name: name, displayPath: text)
            }
            return ResolvedKext(
                object: try compile(url, entry: request.entry, request: request, into: workDirectory, files: files),
                name: name, displayPath: text, conventionalEntry: "\(name)_entry")
        }
        let samplePath = "kext-samples/\(text).c"
        if let prebuilt = request.environment.prebuiltSample(named: text) {
            return ResolvedKext(object: prebuilt, name: text, displayPath: samplePath)
        }
        let source = request.environment.samplesDirectory.appending(path: "\(text).c")
        guard fm.fileExists(atPath: source.path) else {
            throw .unknownSample(text, available: request.environment.sampleNames())
        }
        return ResolvedKext(
            object: try compile(source, entry: request.entry ?? "\(text)_entry", request: request,
                                into: workDirectory, files: files),
            name: text, displayPath: samplePath)
    }

    private static func compile(_ source: URL, entry: String?, request: LoadRequest,
                                into directory: URL, files: TemporaryFiles?) throws(LoadError) -> URL
    {
        // Announced before the compiler writes it, so an interrupt removes it too.
        _ = files?.file(named: KextCompiler.objectName(for: source))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .compileFailed(source.path, diagnostics: "cannot create \(directory.path): \(error)")
        }
        return try KextCompiler(environment: request.environment).compile(source, entry: entry, into: directory)
    }

    static func runEntryPoint(_ kext: LoadedKext, request: LoadRequest, kernel: Kernel) -> RunReport {
        var report = RunReport(outcome: .ok)
        report.kext = .init(name: kext.name, path: kext.path, entry: kext.entryName)
        report.data = request.data
        let uio = request.data.map { UIOBuffer(text: $0) }

        kernel.phase = ConfigCommand.initialize.aixName
        let initResult = call(kext, .initialize, uio: uio, kernel: kernel)
        report.entry.`init` = initResult
        if let addresses = request.inspect {
            report.inspection = kernel.inspectMMU(translating: addresses.isEmpty ? nil : addresses)
        }
        if let rc = initResult, rc != 0 {
            report.entry.initError = AIXErrno(rawValue: rc).name
        }
        if initResult == 0, kernel.crash == nil {
            kernel.phase = "run"
            let start = kernel.now
            for request in request.interrupts {
                for i in 0..<request.count {
                    kernel.scheduleInterrupt(level: request.level,
                                             at: start + request.at + SimulatedTime(rawValue: SimulatedTime.tick.rawValue * UInt64(i)))
                }
            }
            let lastInterrupt = request.interrupts.map {
                $0.at + SimulatedTime(rawValue: SimulatedTime.tick.rawValue * UInt64($0.count - 1))
            }.max() ?? .zero
            kernel.run(for: max(request.runFor, lastInterrupt))
            report.ranFor = kernel.now.rawValue == start.rawValue ? nil : SimulatedTime(rawValue: kernel.now.rawValue - start.rawValue)
        }
        if initResult == 0, kernel.crash == nil {
            // The heap view and map show the kext loaded, before CFG_TERM gives memory back.
            report.xmalloc = kernel.xmallocReport()
            kernel.phase = ConfigCommand.terminate.aixName
            report.entry.term = call(kext, .terminate, uio: nil, kernel: kernel)
        }
        withExtendedLifetime(uio) {}

        if kernel.crash == nil {
            kernel.checkFreedXmallocBlocks()
            if let term = report.entry.term, term != 0 {
                report.findings.append(Finding(
                    kind: .termFailed, ea: nil, size: nil, kext: kext.name,
                    message: "\(kext.entryName)(CFG_TERM) returned \(term) (\(AIXErrno(rawValue: term).name)): "
                        + "AIX keeps a kext loaded whose CFG_TERM fails"))
            }
            report.findings += kernel.findings
            report.findings += kernel.leaks(of: kext.id)
            report.findings += kernel.xmallocLeaks(of: kext.id)
            if initResult == 0 { report.findings += kernel.interruptFindings(of: kext.id) }
            if initResult == 0 { report.findings += kernel.lockFindings(of: kext.id) }
        }
        report.crash = kernel.crash
        report.outcome = kernel.crash != nil ? .crash
            : (initResult ?? 0) != 0 ? .entryFailed
            : report.findings.isEmpty ? .ok : .findings
        report.calls = kernel.trace.records
        UnreturnedCalls.mark(&report.calls, crash: kernel.crash)
        report.callsNotShown = kernel.trace.droppedCalls
        report.callCounts = kernel.trace.callsByService
        report.console = kernel.console
        report.events = kernel.events
        kernel.absorbPageEvents(by: kext.id)
        report.paging = PagingReport(kernel: kernel, kext: kext.id)
        report.gallocHeap = .init(start: kernel.vmm.map.eaBase, size: kernel.vmm.sizeBytes,
                                  pagingSpace: kernel.vmm.pagingSpaceBytes,
                                  liveRegions: kernel.vmm.liveRegions.count)
        report.xmalloc = report.xmalloc ?? kernel.xmallocReport()
        return report
    }

    /// Calls the entry point once; nil if the call ended in a crash.
    private static func call(_ kext: LoadedKext, _ command: ConfigCommand, uio: UIOBuffer?,
                             kernel: Kernel) -> Int32?
    {
        let outcome = kext.callEntry(command: command.rawValue, uio: uio?.uio)
        kernel.absorbPageEvents(by: kext.id)
        kernel.absorbDeliveries()
        switch outcome {
        case .returned(let rc):
            kernel.checkReturnPriority(of: "\(kext.entryName)(\(command.aixName))", kext: kext.id,
                                       expected: .INTBASE)
            return Int32(truncatingIfNeeded: rc)
        case .faulted(let fault):
            kernel.recordDataStorageInterrupt(
                hostAddress: fault.address, isWrite: fault.is_write != 0, kext: kext.id,
                location: kext.location(of: fault.pc), pc: fault.pc,
                callers: fault.callerAddresses, stack: fault.stackWords)
            return nil
        case .abandoned:
            return nil
        }
    }
}
