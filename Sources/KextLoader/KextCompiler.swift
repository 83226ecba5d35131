import Foundation

/// Compiles one C file into a kext shared object with the system C compiler, against aixsim's
/// AIX headers, as `aixsim load file.c` does.
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
    func compile(_ source: URL, entry: String?, into directory: URL) throws(LoadError) -> URL {
        guard let cc = Self.findCompiler() else { throw .compilerNotFound }
        let output = directory.appending(path: "lib\(source.deletingPathExtension().lastPathComponent)_kext.so")
        var arguments = environment.compileFlags() + [
            "-I", environment.aixIncludeDirectory.path,
            "-I", environment.abiIncludeDirectory.path,
        ]
        if let entry { arguments.append("-Wl,-e,\(entry)") }
        arguments += [source.path, "-o", output.path]

        let process = Process()
        process.executableURL = cc
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = errors
        do { try process.run() } catch { throw .compilerNotFound }
        let diagnostics = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .compileFailed(source.path, diagnostics: diagnostics)
        }
        return output
    }
}
