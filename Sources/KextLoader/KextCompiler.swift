import Foundation

/// Compiles a kext's C files (one, or several given as `a.c+b.c`) into one shared object with the
/// system C compiler, against aixsim's AIX headers, as `aixsim load file.c` does.
struct KextCompiler {
    let environment: KextBuildEnvironment

    /// The compiler: $CC, else the first of cc, clang, gcc on PATH.
    static func findCompiler() -> URL? {
        let env = ProcessInfo.processInfo.environment
        if let cc = env["CC"], !cc.isEmpty {
            return cc.contains("/") ? URL(fileURLWithPath: cc) : lookUp(cc, in: env["PATH"])
        }
        for name in ["cc", "clang", "gcc"] {
            if let found = lookUp(name, in: env["PATH"]) { return found }
        }
        return nil
    }

    private static func lookUp(_ name: String, in path: String?) -> URL? {
        for dir in (path ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// Compiles `source` to a fresh shared object in `directory`; `entry` becomes the ELF entry
    /// address, as `ld -e` records it.
    /// The shared object's file name for a source: `libNAME_kext.so`, as the build plugin names it.
    static func objectName(for source: URL) -> String {
        "lib\(source.deletingPathExtension().lastPathComponent)_kext.so"
    }

    func compile(_ source: URL, entry: String?, into directory: URL) throws(LoadError) -> URL {
        try compile([source], entry: entry, into: directory)
    }

    /// Compiles `sources` (the first names the kext) into one shared object, each file its own
    /// translation unit linked together as `ld` links a kext's objects on AIX.
    func compile(_ sources: [URL], entry: String?, into directory: URL) throws(LoadError) -> URL {
        guard let cc = Self.findCompiler() else { throw .compilerNotFound }
        let output = directory.appending(path: Self.objectName(for: sources[0]))
        var arguments = environment.kextCompilerFlags(compiler: cc)
        if let entry { arguments.append("-Wl,-e,\(entry)") }
        arguments += sources.map(\.path) + [environment.serviceStubsSource.path, "-o", output.path]

        let (status, diagnostics) = try Self.run(cc, arguments)
        guard status == 0 else {
            throw .compileFailed(sources.map(\.path).joined(separator: "+"), diagnostics: diagnostics)
        }
        // AIX compilers warned and built; so does this, showing the warnings before the run.
        if !diagnostics.isEmpty {
            FileHandle.standardError.write(Data(diagnostics.utf8))
        }
        return output
    }

    /// The directory of the compiler's own headers (`cc -print-file-name=include`).
    static func builtinIncludeDirectory(of cc: URL) -> String? {
        guard let (status, text) = try? run(cc, ["-print-file-name=include"]), status == 0 else { return nil }
        let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return path.hasPrefix("/") ? path : nil
    }

    static func run(_ executable: URL, _ arguments: [String]) throws(LoadError) -> (Int32, String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        process.standardError = output
        process.standardOutput = output
        do { try process.run() } catch { throw .compilerNotFound }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
