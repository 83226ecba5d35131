/// Why a kext could not be loaded. Each prints as one line, for stderr and the report.
public enum LoadError: Error, CustomStringConvertible, Equatable {
    case fileNotFound(String)
    case unknownSample(String, available: [String])
    case notAnELFObject(String)
    case wrongELFKind(String, reason: String)
    case compilerNotFound
    case compileFailed(String, diagnostics: String)
    case notAnAixsimKext(String)
    case wrongABIVersion(String, kext: UInt32, aixsim: UInt32)
    /// `nearest` holds, for each unresolved name in order, the export closest to it.
    case unresolvedImports(String, [String], nearest: [String])
    case servicesImportedDirectly(String, [String])
    case entryNotFound(String, symbol: String, functions: [String])
    case noEntryPoint(String, functions: [String])
    case dlopenFailed(String, message: String)
    case kernelSetup(String)
    case badExportFile(String, line: Int, reason: String)
    case exportNotDefined(String, [String])
    case badUserProgram(String)
    /// A constructor of the kext (run by dlopen) crashed; the kernel holds the crash.
    case constructorCrashed(String)

    public var description: String {
        switch self {
        case .fileNotFound(let p):
            "no such file: \(p)"
        case .unknownSample(let n, let available):
            "no sample kext named '\(n)' (samples: \(available.joined(separator: ", ")); "
                + "give a path to load a .c or .so file)"
        case .notAnELFObject(let p):
            "\(p) is not an ELF object; give a kext's C source (.c) or its shared object (.so)"
        case .wrongELFKind(let p, let reason):
            "\(p) cannot be loaded as a kext: \(reason)"
        case .compilerNotFound:
            "no C compiler found (looked for $CC, cc, clang, gcc); install one, e.g. apt-get install gcc"
        case .compileFailed(let p, _):
            "\(p) does not compile; the compiler's diagnostics follow"
        case .notAnAixsimKext(let p):
            "\(p) was not compiled against aixsim's AIX headers (it has no __aixsim_kext_abi_version); "
                + "build it with `aixsim load file.c` or include <sys/types.h> from aixsim's aix-include"
        case .wrongABIVersion(let p, let kext, let aixsim):
            "\(p) was built for kernel-services ABI version \(kext), but this aixsim provides version "
                + "\(aixsim); rebuild the kext against this aixsim's headers"
        case .unresolvedImports(let p, let names, let nearest):
            "\(p) imports \(names.joined(separator: ", ")), which the kernel does not export: "
                + "AIX's loader refuses unresolved symbols (kernel code may import kernel services "
                + "and libcsys' string functions only; see `aixsim services`); nearest export"
                + (names.count == 1 ? ": " : "s: ")
                + zip(names, nearest).map { "\($0) → \($1)" }.joined(separator: ", ")
        case .servicesImportedDirectly(let p, let names):
            "\(p) was built without aixsim's service stubs and imports the kernel service"
                + "\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) as an external symbol, "
                + "which would bind to the host; build it from its C source with `aixsim load file.c` "
                + "(or compile Sources/AIXSimKernelABI/aix-include/kernex_stubs.c into it)"
        case .entryNotFound(let p, let symbol, let functions):
            "\(p) has no function named \(symbol) to use as its entry point; its global functions: "
                + (functions.isEmpty ? "none" : functions.joined(separator: ", "))
        case .noEntryPoint(let p, let functions):
            "\(p) has no entry point: name one with --entry SYMBOL (as `ld -e` does) or call it "
                + "NAME_entry after its file NAME.c; its global "
                + "functions: " + (functions.isEmpty ? "none" : functions.joined(separator: ", "))
        case .dlopenFailed(let p, let message):
            "\(p) could not be loaded: \(message)"
        case .constructorCrashed(let name):
            "a constructor of \(name) crashed while the kext was being loaded"
        case .kernelSetup(let message):
            "cannot start the simulated kernel: \(message)"
        case .badExportFile(let p, let line, let reason):
            "\(p), line \(line): \(reason) (an export file line is SYMBOL [syscall32|syscall64|syscall3264])"
        case .exportNotDefined(let p, let names):
            "\(p) exports \(names.joined(separator: ", ")) but does not define "
                + (names.count == 1 ? "it" : "them") + ": AIX's binder fails the link of such a kext"
        case .badUserProgram(let why):
            why
        }
    }

    /// Compiler output, for a compile failure.
    public var diagnostics: String? {
        if case .compileFailed(_, let d) = self { return d }
        return nil
    }
}
