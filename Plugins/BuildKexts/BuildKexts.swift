import Foundation
import PackagePlugin

/// Compiles every sample kext in `kext-samples/` into a shared object that ships with aixsim as
/// a resource, so `swift run aixsim load NAME` works on a fresh checkout with no other step.
///
/// A sample `NAME.c` is linked with `-e NAME_entry`, as an AIX makefile names a kext's entry
/// point with `ld -e`. The compile flags are the ones `aixsim load file.c` uses, read from
/// `Sources/AIXSimKernelABI/kext.cflags`.
@main
struct BuildKexts: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let abi = root.appending(path: "Sources/AIXSimKernelABI")
        let samples = root.appending(path: "kext-samples")
        let flagsFile = abi.appending(path: "kext.cflags")
        let flags = try String(contentsOf: flagsFile, encoding: .utf8)
            .split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let headers = try allFiles(under: abi.appending(path: "aix-include"))
            + allFiles(under: abi.appending(path: "include"))
        let sources = try FileManager.default.contentsOfDirectory(
            at: samples, includingPropertiesForKeys: nil
        ).filter { $0.pathExtension == "c" }.sorted { $0.path < $1.path }
        let clang = try context.tool(named: "clang").url
        let stubs = abi.appending(path: "aix-include/kernex_stubs.c")
        // kext.cflags has -nostdinc; the compiler's own freestanding headers come back alone.
        let builtins = try builtinIncludeDirectory(of: clang)

        return sources.map { source in
            let name = source.deletingPathExtension().lastPathComponent
            let output = context.pluginWorkDirectoryURL.appending(path: "lib\(name)_kext.so")
            return .buildCommand(
                displayName: "Compiling sample kext \(name)",
                executable: clang,
                arguments: flags + [
                    "-I", abi.appending(path: "aix-include").path,
                    "-I", abi.appending(path: "include").path,
                    "-isystem", builtins,
                    "-Wl,-e,\(name)_entry",
                    source.path, stubs.path, "-o", output.path,
                ],
                inputFiles: [source, flagsFile, stubs] + headers,
                outputFiles: [output])
        }
    }

    private func builtinIncludeDirectory(of clang: URL) throws -> String {
        let process = Process()
        process.executableURL = clang
        process.arguments = ["-print-file-name=include"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func allFiles(under directory: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "h" || $0.pathExtension == "def" }
    }
}
