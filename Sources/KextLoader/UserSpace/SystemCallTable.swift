import Foundation

/// The system calls the loaded kexts export (`syscall…` lines of their export files), bound at
/// load to the functions they name, as AIX's loader adds them to the system call table.
final class SystemCallTable {
    struct Entry {
        let name: String
        let kind: ExportFile.Kind
        let kext: LoadedKext
        let function: UnsafeMutableRawPointer
    }

    private(set) var entries: [String: Entry] = [:]

    /// Binds each system call of `exports` to the function `kext` defines under its name; a
    /// name the kext does not define fails the load.
    func bind(_ exports: ExportFile, of kext: LoadedKext) throws(LoadError) {
        var missing: [String] = []
        for symbol in exports.symbols {
            guard let function = kext.function(named: symbol.name) else {
                missing.append(symbol.name)
                continue
            }
            if symbol.kind.isSystemCall {
                entries[symbol.name] = Entry(name: symbol.name, kind: symbol.kind, kext: kext, function: function)
            }
        }
        if !missing.isEmpty { throw .exportNotDefined(kext.path, missing) }
    }

    /// Reads and binds the export file beside a kext, if it has one.
    func bindExportFile(at url: URL?, of kext: LoadedKext) throws(LoadError) {
        guard let url else { return }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch { throw .fileNotFound(url.path) }
        let file: ExportFile
        do { file = try ExportFile(parsing: text) } catch {
            throw .badExportFile(url.path, line: error.line, reason: error.text)
        }
        try bind(file, of: kext)
    }
}
