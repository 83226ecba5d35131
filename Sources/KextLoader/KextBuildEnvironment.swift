import Foundation

/// Where the pieces needed to build and find kexts are: aixsim's AIX headers, the kext compile
/// flags, the sample sources and the samples the build plugin compiled.
public struct KextBuildEnvironment: Sendable {
    /// The package's top directory. aixsim runs from its build tree (`swift run`), so it finds
    /// its headers and samples relative to its own sources; AIXSIM_ROOT overrides that.
    public let root: URL

    public init(root: URL? = nil) {
        if let root {
            self.root = root
        } else if let env = ProcessInfo.processInfo.environment["AIXSIM_ROOT"], !env.isEmpty {
            self.root = URL(fileURLWithPath: env)
        } else {
            // …/Sources/KextLoader/KextBuildEnvironment.swift → the package root.
            self.root = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        }
    }

    public var abiDirectory: URL { root.appending(path: "Sources/AIXSimKernelABI") }
    public var aixIncludeDirectory: URL { abiDirectory.appending(path: "aix-include") }
    public var abiIncludeDirectory: URL { abiDirectory.appending(path: "include") }
    public var samplesDirectory: URL { root.appending(path: "kext-samples") }
    /// Compiled into every kext beside its source: the weak service stubs that bind a service
    /// called without its header (implicitly declared) to the kext's table.
    public var serviceStubsSource: URL { aixIncludeDirectory.appending(path: "kernex_stubs.c") }

    /// The flags every kext is compiled with (shared with the sample-building plugin).
    public func compileFlags() -> [String] {
        let file = abiDirectory.appending(path: "kext.cflags")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    /// Names of the sample kexts (kext-samples/NAME.c).
    public func sampleNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
        return files.filter { $0.hasSuffix(".c") }.map { String($0.dropLast(2)) }.sorted()
    }

    /// The shared object the build plugin made for a sample, if this executable has one.
    func prebuiltSample(named name: String) -> URL? {
        let exe = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(
            atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        let candidate = exe.deletingLastPathComponent()
            .appending(path: "aixsim_aixsim.resources/lib\(name)_kext.so")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
}

extension KextBuildEnvironment {
    /// Everything a kext's compile needs besides its sources: the kext flags, aixsim's AIX and
    /// ABI include directories, and (since the flags say -nostdinc) the compiler's own
    /// freestanding headers (stddef.h, stdarg.h) and never the host C library's. One list for
    /// `aixsim load file.c`, `aixsim cflags` and `aixsim cc`.
    public func kextCompilerFlags(compiler: URL? = KextBuildEnvironment.compiler()) -> [String] {
        var flags = compileFlags() + ["-I", aixIncludeDirectory.path, "-I", abiIncludeDirectory.path]
        if let compiler, let builtins = KextCompiler.builtinIncludeDirectory(of: compiler) {
            flags += ["-isystem", builtins]
        }
        return flags
    }

    /// The C compiler kexts are built with ($CC, else cc, clang or gcc on PATH).
    public static func compiler() -> URL? { KextCompiler.findCompiler() }
}
