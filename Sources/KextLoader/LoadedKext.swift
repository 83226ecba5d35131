import CFaultGuard
import CKextCall
import CSandbox
import CFFI
import Foundation
import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// A kext in memory: its shared object opened, its imports checked, its kernel-services table
/// bound, its entry point found. Nothing of the kext has run when this exists, except what the
/// dynamic loader itself runs.
final class LoadedKext {
    let name: String
    let path: String
    let id: KextID
    let entryName: String
    /// The shared object actually opened.
    let objectPath: String
    /// The kext's functions with their link-time addresses and sizes, for naming fault sites.
    private let functions: [ELFFile.Symbol]
    /// The kext's variables (data and bss) with their link-time addresses and sizes, for naming
    /// the locks, event words and structures it hands the kernel.
    private let variables: [ELFFile.Symbol]
    /// The symbols it needs from outside itself (services, libcsys, other kexts' exports).
    let undefinedSymbols: [String]
    let entry: UnsafeMutableRawPointer
    private let handle: UnsafeMutableRawPointer
    let table: BoundKernelTable
    /// Read from the shared object the first time a report asks, then kept.
    private lazy var sourceLocator = SourceLocator(elf: URL(fileURLWithPath: objectPath))

    /// Checks and opens the shared object at `url` for `kernel`. `entrySymbol` names the entry
    /// point; without it, the ELF entry address recorded at link time is used.
    /// `displayPath` is what errors and reports call the kext (its C source, when aixsim
    /// compiled it).
    /// `importable` names the symbols kexts loaded before this one export (their export
    /// files); `sharesExports` opens it so kexts loaded after it can bind to its exports.
    init(url: URL, name: String, displayPath: String, entrySymbol: String?,
         conventionalEntry: String? = nil, kernel: Kernel, importable: Set<String> = [],
         sharesExports: Bool = false) throws(LoadError)
    {
        let path = displayPath
        let elf: ELFFile
        do {
            elf = try ELFFile(contentsOf: url)
        } catch ELFFile.ParseError.notELF {
            throw .notAnELFObject(path)
        } catch ELFFile.ParseError.wrongClass {
            throw .wrongELFKind(path, reason: "it is not a 64-bit little-endian object")
        } catch ELFFile.ParseError.wrongMachine {
            throw .wrongELFKind(path, reason: "it is not built for x86-64, the host aixsim runs kext code on")
        } catch ELFFile.ParseError.notSharedObject {
            throw .wrongELFKind(path, reason: "it is not a shared object (link it with -shared)")
        } catch ELFFile.ParseError.truncated {
            throw .wrongELFKind(path, reason: "its section or symbol tables are truncated")
        } catch {
            throw .fileNotFound(path)
        }

        // The ABI check and the import check come before dlopen, which would run the kext's
        // initialisers.
        guard let marker = elf.definedSymbol(named: "__aixsim_kext_abi_version"),
              let version = elf.uint32(atAddress: marker.value)
        else { throw .notAnAixsimKext(path) }
        guard version == ExportList.abiVersion else {
            throw .wrongABIVersion(path, kext: version, aixsim: ExportList.abiVersion)
        }
        try ImportCheck.check(elf, path: path, importable: importable)

        let chosenEntry: String
        if let entrySymbol {
            guard elf.globalFunctions.contains(entrySymbol) else {
                throw .entryNotFound(path, symbol: entrySymbol, functions: elf.globalFunctions)
            }
            chosenEntry = entrySymbol
        } else if let recorded = elf.entryFunctionName {
            chosenEntry = recorded
        } else if let conventional = conventionalEntry, elf.globalFunctions.contains(conventional) {
            chosenEntry = conventional
        } else {
            throw .noEntryPoint(path, functions: elf.globalFunctions)
        }

        // dlopen runs the kext's constructors: kext code, so guarded like any other.
        let kextID = kernel.registerKext(named: name)
        var opened: UnsafeMutableRawPointer?
        var fault = aixsim_fault()
        // From here on kext code runs: a sandboxed worker enters its sandbox now, with the
        // guard's handlers in place (the filter keeps them there).
        guard aixsim_guard_install() == 0, aixsim_sandbox_enter() == 0 else {
            throw .dlopenFailed(path, message: "aixsim could not set up its fault guard and sandbox")
        }
        let registry = kernel.runtime as? KextRegistry
        registry?.beginOpening(url.path)
        defer { registry?.endOpening() }
        let outcome = aixsim_guarded_dlopen(url.path, RTLD_NOW | (sharesExports ? RTLD_GLOBAL : RTLD_LOCAL), &opened, &fault)
        if outcome == AIXSIM_GUARD_FAULTED {
            kernel.phase = "load"
            kernel.recordKextFault(fault, kext: kextID, location: Self.constructorLocation(fault.pc, objectPath: url.path, functions: elf.functionSymbols))
            throw .constructorCrashed(name)
        }
        guard let handle = opened else {
            throw .dlopenFailed(path, message: dlerror().map { String(cString: $0) } ?? "unknown error")
        }
        guard let entry = dlsym(handle, chosenEntry),
              let tablePointer = dlsym(handle, "__aixsim_kernel_services")
        else {
            dlclose(handle)
            throw .entryNotFound(path, symbol: chosenEntry, functions: elf.globalFunctions)
        }
        self.name = name
        self.path = path
        objectPath = url.path
        functions = elf.functionSymbols
        variables = elf.variableSymbols
        undefinedSymbols = elf.requiredImports
        self.handle = handle
        self.entry = entry
        self.entryName = chosenEntry
        id = kextID
        table = BoundKernelTable(kernel: kernel, kext: id)
        tablePointer.storeBytes(of: UnsafeRawPointer(table.table), as: UnsafeRawPointer.self)
    }

    private var unloaded = false

    deinit {
        if !unloaded { _ = unload() }
    }

    /// Closes the shared object, running its destructors under the guard.
    func unload() -> CallOutcome {
        guard !unloaded else { return .returned(0) }
        unloaded = true
        var fault = aixsim_fault()
        switch aixsim_guarded_dlclose(handle, &fault) {
        case AIXSIM_GUARD_FAULTED: return .faulted(fault)
        case AIXSIM_GUARD_RETURNED: return .returned(0)
        default: return .abandoned
        }
    }

    /// `function+0xOFFSET` for a constructor's fault, before the kext object exists.
    private static func constructorLocation(_ pc: UInt, objectPath: String, functions: [ELFFile.Symbol]) -> String? {
        guard let offset = offset(of: pc, inObject: objectPath), let f = functions.holding(offset) else { return nil }
        // The kext is not registered yet, so the kernel cannot look the line up: do it here.
        return SourceLocator(elf: URL(fileURLWithPath: objectPath)).location(ofOffset: offset)?.description
            ?? f.nameWithOffset(at: offset)
    }

    /// How one call into kext code ended.
    enum CallOutcome {
        case returned(Int64)
        /// Kext code (or a string function it called) faulted.
        case faulted(aixsim_fault)
        /// A kernel service crashed the system during the call.
        case abandoned
    }

    /// Calls `int entry(int cmd, struct uio *uiop)` through libffi under the fault guard.
    func callEntry(command: Int32, uio: UnsafeMutableRawPointer?) -> CallOutcome {
        let outcome = guardedCall(entry, FFISignature.entryPoint,
                                  [UInt64(bitPattern: Int64(command)), UInt64(UInt(bitPattern: uio))])
        // An int result: only the low 32 bits of the register are the value.
        if case .returned(let value) = outcome { return .returned(Int64(Int32(truncatingIfNeeded: value))) }
        return outcome
    }

    /// A function the kext exports, by name.
    func function(named name: String) -> UnsafeMutableRawPointer? {
        dlsym(handle, name)
    }

    /// Calls `int f(void *)` in the kext under the fault guard: interrupt, off-level and timer
    /// handlers. A `void` handler's result is whatever the register held, and is ignored.
    func callPointerFunction(_ function: UnsafeMutableRawPointer, _ argument: UInt) -> CallOutcome {
        let outcome = guardedCall(function, FFISignature.pointerToInt, [UInt64(argument)])
        if case .returned(let value) = outcome { return .returned(Int64(Int32(truncatingIfNeeded: value))) }
        return outcome
    }

    /// Calls `long f(long)` in the kext under the fault guard (for benchmarks and tests).
    func callLongFunction(_ function: UnsafeMutableRawPointer, _ argument: Int64) -> CallOutcome {
        guardedCall(function, FFISignature.longToLong, [UInt64(bitPattern: argument)])
    }

    /// Calls a system call the kext exports, with up to six arguments, under the fault guard.
    func callSystemCall(_ function: UnsafeMutableRawPointer, _ arguments: [Int64]) -> CallOutcome {
        let slots = (arguments + Array(repeating: 0, count: 6)).prefix(6).map { UInt64(bitPattern: $0) }
        return guardedCall(function, FFISignature.systemCall, Array(slots))
    }

    /// Calls kext code through libffi under the fault guard; each argument sits in its own
    /// 8-byte slot (x86-64 is little-endian, so narrower types read the slot's low bytes).
    private func guardedCall(_ function: UnsafeMutableRawPointer, _ signature: FFISignature,
                             _ arguments: [UInt64]) -> CallOutcome
    {
        guard aixsim_guard_install() == 0 else {
            fatalError("aixsim could not install its fault guard (sigaction/sigaltstack failed)")
        }
        var slots = arguments
        var result: ffi_arg = 0
        var fault = aixsim_fault()
        let outcome = slots.withUnsafeMutableBufferPointer { slotBuffer in
            var values = (0..<slotBuffer.count).map { UnsafeMutableRawPointer(slotBuffer.baseAddress! + $0) }
            return values.withUnsafeMutableBufferPointer { v in
                v.baseAddress!.withMemoryRebound(to: Optional<UnsafeMutableRawPointer>.self, capacity: v.count) {
                    aixsim_invoke_kext(
                        signature.cif, unsafeBitCast(function, to: (@convention(c) () -> Void).self),
                        &result, $0, &fault, Unmanaged.passUnretained(table.kernel).toOpaque(), id.rawValue)
                }
            }
        }
        switch outcome {
        case AIXSIM_GUARD_RETURNED: return .returned(Int64(bitPattern: UInt64(result)))
        case AIXSIM_GUARD_FAULTED: return .faulted(fault)
        default: return .abandoned
        }
    }

    /// `function+0xOFFSET` for an instruction address: from the kext's own symbol table when the
    /// address is in the kext (static functions included), else from the dynamic loader.
    func location(of pc: UInt) -> String? {
        var objectName: UnsafePointer<CChar>?
        var objectBase: UInt = 0
        var symbolName: UnsafePointer<CChar>?
        var symbolAddress: UInt = 0
        guard pc != 0, aixsim_symbolize(pc, &objectName, &objectBase, &symbolName, &symbolAddress) != 0 else {
            return nil
        }
        let object = objectName.map { String(cString: $0) } ?? "?"
        if object == objectPath {
            let offset = UInt64(pc - objectBase)
            if let f = functions.holding(offset) { return f.nameWithOffset(at: offset) }
            return "offset 0x\(String(offset, radix: 16)) in \(name)"
        }
        let file = URL(fileURLWithPath: object).lastPathComponent
        guard let symbol = symbolName else { return "an address in \(file)" }
        return "\(String(cString: symbol))+0x\(String(pc - symbolAddress, radix: 16)) (in \(file))"
    }

    /// `name` or `name+0xOFFSET` for an address inside one of this kext's variables.
    func dataSymbol(at address: UInt) -> String? {
        guard let offset = Self.offset(of: address, inObject: objectPath), let v = variables.holding(offset) else {
            return nil
        }
        return offset == v.value ? v.name : v.nameWithOffset(at: offset)
    }

    /// Where the entry point is defined, for the report's header.
    var entryFrame: KextFrame? {
        sourceLocation(of: UInt(bitPattern: entry)).map(KextFrame.init(location:))
    }

    /// The function and source line of an instruction address in this kext, from its symbol
    /// table and debug information; nil for an address outside the kext.
    func sourceLocation(of pc: UInt) -> KextSourceLocation? {
        Self.offset(of: pc, inObject: objectPath).flatMap(sourceLocator.location(ofOffset:))
    }
}

extension LoadedKext {
    /// `address`'s offset in the object file at `objectPath`, if the dynamic loader has it there.
    static func offset(of address: UInt, inObject objectPath: String) -> UInt64? {
        var objectName: UnsafePointer<CChar>?
        var objectBase: UInt = 0
        var symbolName: UnsafePointer<CChar>?
        var symbolAddress: UInt = 0
        guard address != 0, aixsim_symbolize(address, &objectName, &objectBase, &symbolName, &symbolAddress) != 0,
              let objectName, String(cString: objectName) == objectPath, address >= objectBase
        else { return nil }
        return UInt64(address - objectBase)
    }
}

extension [ELFFile.Symbol] {
    /// The symbol whose extent holds `offset` (an offset in the object file).
    func holding(_ offset: UInt64) -> ELFFile.Symbol? {
        first { offset >= $0.value && offset < $0.value + $0.size }
    }
}

extension ELFFile.Symbol {
    /// `name+0xN` for `offset` inside this symbol.
    func nameWithOffset(at offset: UInt64) -> String {
        "\(name)+0x\(String(offset - value, radix: 16))"
    }
}
