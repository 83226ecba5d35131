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
    /// A user program (UserProgram.swift) to run as the simulated user process after CFG_INIT,
    /// calling the system calls the kext's export file declares.
    public var user: String?
    /// Further kexts to load into the same kernel after `kext`, in order; each may import what
    /// the ones before it export (their export files).
    public var more: [String] = []
    /// The order to unload in, by kext name (default: the reverse of the load order).
    public var unloadOrder: [String]?
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
    /// `observer` learns of calls, console output, events and findings as they happen.
    public static func run(_ request: LoadRequest, observer: (any KernelObserver)? = nil) -> RunReport {
        let kernel: Kernel
        do {
            var configuration = request.kernel
            if configuration.arrivalAfterCall != nil {
                // --arrival-call moves the run's device interrupts too: the first of each level.
                var levels: [Int32] = []
                for r in request.interrupts where !levels.contains(r.level) { levels.append(r.level) }
                configuration.arrivalInterrupts = levels
            }
            kernel = try Kernel(configuration: configuration)
        } catch {
            return RunReport(loadError: .kernelSetup(error.description))
        }
        kernel.observer = observer
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
            // Every kext is compiled before the first is opened: opening one runs kext code, and
            // from then on a sandboxed worker may not create files or start the compiler.
            var more: [(LoadRequest, ResolvedKext)] = []
            for (i, text) in request.more.enumerated() {
                var sub = request
                sub.kext = text
                sub.entry = nil
                more.append((sub, try resolve(sub, workDirectory: temporary.directory.appending(path: "more\(i)"),
                                              files: temporary)))
            }
            // A C user program is built now too, with a stub for every system call the kexts export.
            let userObject = try request.user.flatMap { path throws(LoadError) in
                try buildUserProgram(at: path, kexts: [request] + more.map(\.0), request: request,
                                     into: temporary.directory.appending(path: "user"))
            }
            let registry = KextRegistry()
            kernel.runtime = registry
            defer { withExtendedLifetime(registry) {} }
            let kext = try LoadedKext(url: resolved.object, name: resolved.name,
                                      displayPath: resolved.displayPath, entrySymbol: request.entry,
                                      conventionalEntry: resolved.conventionalEntry, kernel: kernel,
                                      sharesExports: !request.more.isEmpty && exportFile(of: request) != nil)
            registry.add(kext)
            let systemCalls = SystemCallTable()
            try systemCalls.bindExportFile(at: exportFile(of: request), of: kext)
            let linkage = KextLinkage()
            try linkage.add(kext, exports: exportFile(of: request))
            var companions: [LoadedKext] = []
            for (sub, resolved) in more {
                let exports = exportFile(of: sub)
                let loaded = try LoadedKext(url: resolved.object, name: resolved.name, displayPath: resolved.displayPath,
                                            entrySymbol: nil, conventionalEntry: resolved.conventionalEntry ?? "\(resolved.name)_entry",
                                            kernel: kernel, importable: linkage.exportedSymbols,
                                            sharesExports: exports != nil)
                registry.add(loaded)
                try systemCalls.bindExportFile(at: exports, of: loaded)
                try linkage.add(loaded, exports: exports)
                companions.append(loaded)
            }
            var user: UserProgramRun?
            if let path = request.user {
                let form: UserProgramRun.Form = if let built = userObject { .c(object: built.object, arities: built.arities) }
                    else { .scenario(try userProgram(at: path)) }
                user = UserProgramRun(form: form, path: path, systemCalls: systemCalls, kernel: kernel,
                                      kexts: [kext] + companions)
            }
            var report = runEntryPoint(kext, request: request, kernel: kernel, user: user, companions: companions,
                                       linkage: linkage)
            report.keptObject = keptObject
            // The destructors run now, guarded, so one that faults is the run's crash and the
            // rest of the report stands.
            if report.crash == nil, case .faulted(let fault) = kext.unload() {
                kernel.recordKextFault(fault, kext: kext.id, location: kext.location(of: fault.pc))
                report.crash = kernel.crash
                report.outcome = .crash
            }
            return report
        } catch LoadError.constructorCrashed(let name) {
            var report = RunReport(outcome: .crash)
            report.kext = .init(name: name, path: request.kext, entry: request.entry ?? "")
            report.crash = kernel.crash
            report.calls = kernel.trace.records
            report.console = kernel.console
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
        if let parts = KextSources.parts(of: text) {
            let urls = parts.map { URL(fileURLWithPath: $0) }
            if let missing = parts.first(where: { !fm.fileExists(atPath: $0) }) { throw .fileNotFound(missing) }
            let name = urls[0].deletingPathExtension().lastPathComponent
            return ResolvedKext(
                object: try compile(urls, entry: request.entry, request: request, into: workDirectory, files: files),
                name: name, displayPath: text, conventionalEntry: "\(name)_entry")
        }
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
                object: try compile([url], entry: request.entry, request: request, into: workDirectory, files: files),
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
            object: try compile([source], entry: request.entry ?? "\(text)_entry", request: request,
                                into: workDirectory, files: files),
            name: text, displayPath: samplePath)
    }

    private static func compile(_ sources: [URL], entry: String?, request: LoadRequest,
                                into directory: URL, files: TemporaryFiles?) throws(LoadError) -> URL
    {
        // Announced before the compiler writes it, so an interrupt removes it too.
        _ = files?.file(named: KextCompiler.objectName(for: sources[0]))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .compileFailed(sources[0].path, diagnostics: "cannot create \(directory.path): \(error)")
        }
        return try KextCompiler(environment: request.environment).compile(sources, entry: entry, into: directory)
    }

    static func userProgram(at path: String) throws(LoadError) -> UserProgram {
        do { return try UserProgram.load(path) } catch { throw .badUserProgram(error.description) }
    }

    /// The export file (`NAME.exp`) beside the kext the request names, if there is one.
    static func exportFile(of request: LoadRequest) -> URL? {
        let text = KextSources.parts(of: request.kext)?.first ?? request.kext
        if text.contains("/") || text.hasSuffix(".c") || text.hasSuffix(".so") || FileManager.default.fileExists(atPath: text) {
            return ExportFile.beside(URL(fileURLWithPath: text))
        }
        return ExportFile.beside(request.environment.samplesDirectory.appending(path: "\(text).c"))
    }

    static func runEntryPoint(_ kext: LoadedKext, request: LoadRequest, kernel: Kernel,
                              user: UserProgramRun? = nil, companions: [LoadedKext] = [],
                              linkage: KextLinkage? = nil) -> RunReport
    {
        var report = RunReport(outcome: .ok)
        report.kext = .init(name: kext.name, path: kext.path, entry: kext.entryName, source: kext.entryFrame)
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
        // The other kexts, in load order, each once the ones before it are configured.
        var initialized = initResult == 0 ? [kext] : []
        if !companions.isEmpty {
            report.loaded = [.init(name: kext.name, path: kext.path, entry: kext.entryName, initResult: initResult,
                                   source: kext.entryFrame)]
        }
        for other in companions where initResult == 0 && kernel.crash == nil {
            let rc = call(other, .initialize, uio: nil, kernel: kernel)
            report.loaded?.append(.init(name: other.name, path: other.path, entry: other.entryName, initResult: rc,
                                        source: other.entryFrame))
            if rc == 0 { initialized.append(other) } else { break }
        }
        if initResult == 0, kernel.crash == nil, let user {
            let (userReport, findings) = user.run()
            report.user = userReport
            report.findings += findings
            // With a user program, the MMU is shown once it has run, so the user segment's
            // SLB entry and pages are there to see.
            if let addresses = request.inspect {
                report.inspection = kernel.inspectMMU(translating: addresses.isEmpty ? nil : addresses)
            }
        }
        if initResult == 0, kernel.crash == nil {
            kernel.phase = "run"
            let start = kernel.now
            var early = kernel.settleInterruptsArrivedEarly()
            for request in request.interrupts {
                // The first interrupt of a level --arrival-call already brought in is not raised again.
                let skip = early.firstIndex(of: request.level).map { early.remove(at: $0); return 1 } ?? 0
                for i in skip..<request.count {
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
            let order = unloadOrder(initialized, requested: request.unloadOrder, linkage: linkage)
            report.findings += order.refusals
            for k in order.kexts where kernel.crash == nil {
                let rc = call(k, .terminate, uio: nil, kernel: kernel)
                if k === kext { report.entry.term = rc }
                if let i = report.loaded?.firstIndex(where: { $0.name == k.name }) { report.loaded?[i].termResult = rc }
            }
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
            report.findings += kernel.deviceFindings(of: kext.id)
            report.findings += kernel.crossMemoryFindings(of: kext.id)
            for other in companions {
                report.findings += kernel.leaks(of: other.id) + kernel.xmallocLeaks(of: other.id)
                    + kernel.interruptFindings(of: other.id) + kernel.deviceFindings(of: other.id)
                    + kernel.crossMemoryFindings(of: other.id)
            }
        }
        if report.findings.count > RunReport.findingsLimit {
            report.findingsNotShown = report.findings.count - RunReport.findingsLimit
            report.findings.removeLast(report.findingsNotShown)
        }
        report.crash = kernel.crash
        report.outcome = kernel.crash != nil ? .crash
            : (initResult ?? 0) != 0 ? .entryFailed
            : report.findings.isEmpty ? .ok : .findings
        let trace = kernel.trace
        report.calls = trace.records
        UnreturnedCalls.mark(&report.calls, crash: kernel.crash)
        report.callsNotShown = trace.droppedCalls
        report.callCounts = trace.callsByService
        report.allocationSites = kernel.allocationSites
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
            kernel.recordKextFault(fault, kext: kext.id, location: kext.location(of: fault.pc))
            return nil
        case .abandoned:
            return nil
        }
    }
}
