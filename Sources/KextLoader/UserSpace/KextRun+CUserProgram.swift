import Foundation

extension KextRun {
    /// Whether `--user PATH` names a C program rather than a scenario: the extension decides.
    static func isCUserProgram(_ path: String) -> Bool {
        path.hasSuffix(".c")
    }

    /// Builds a C user program against the system calls the requested kexts' export files
    /// declare; nil for a scenario. Runs before any kext is opened (a sandboxed worker may not
    /// start the compiler once kext code has run).
    static func buildUserProgram(at path: String, kexts: [LoadRequest], request: LoadRequest,
                                 into directory: URL) throws(LoadError) -> (object: URL, arities: [String: Int])?
    {
        guard isCUserProgram(path) else { return nil }
        let source = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: source.path) else { throw .fileNotFound(path) }
        var names: [String] = []
        var thirtyTwoBitOnly: [String] = []
        for kext in kexts {
            guard let url = exportFile(of: kext), let text = try? String(contentsOf: url, encoding: .utf8),
                  let file = try? ExportFile(parsing: text) else { continue }
            names += file.systemCalls.filter(\.kind.reachableFrom64BitProcess).map(\.name)
            thirtyTwoBitOnly += file.systemCalls.filter { !$0.kind.reachableFrom64BitProcess }.map(\.name)
        }
        let object = try CUserProgramCompiler(environment: request.environment)
            .compile(source, systemCalls: Array(Set(names)), thirtyTwoBitOnly: Set(thirtyTwoBitOnly), into: directory)
        let program = (try? String(contentsOf: source, encoding: .utf8)) ?? ""
        return (object, Dictionary(names.compactMap { name in
            CUserProgramCompiler.declaredArity(of: name, in: program).map { (name, $0) }
        }) { a, _ in a })
    }
}
