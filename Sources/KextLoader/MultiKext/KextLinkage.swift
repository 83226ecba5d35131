import Foundation
import Kernel

/// How the kexts of one run link to each other, as AIX's loader links kernel extensions: a kext
/// loaded with an export file (`ld -bE:FILE.exp`) offers those symbols; a kext loaded after it
/// may import them (`-bI:FILE.exp`), and its calls go straight to the exporter's code. The
/// loader remembers who imports from whom, because that decides the unload order.
final class KextLinkage {
    /// Exported symbol → the kext that exports it.
    private(set) var exporters: [String: LoadedKext] = [:]
    /// Importer name → the names of the kexts it imports from.
    private(set) var imports: [String: Set<String>] = [:]

    var exportedSymbols: Set<String> { Set(exporters.keys) }

    /// Records a kext just loaded: what it imports from the kexts before it, what it exports.
    func add(_ kext: LoadedKext, exports url: URL?) throws(LoadError) {
        imports[kext.name] = Set(kext.undefinedSymbols.compactMap { exporters[$0]?.name })
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        let file: ExportFile
        do { file = try ExportFile(parsing: text) } catch {
            throw .badExportFile(url.path, line: error.line, reason: error.text)
        }
        for symbol in file.symbols where symbol.kind == .kernel { exporters[symbol.name] = kext }
    }

    /// The kexts `name` imports from.
    func suppliers(of name: String) -> Set<String> { imports[name] ?? [] }
}

extension KextRun {
    /// The order CFG_TERM runs in: the requested one (by name; default the reverse of the load
    /// order), except that a kext still imported by a loaded kext is not unloaded before it.
    /// AIX's loader does the same: unloading an extension others still import only drops the
    /// caller's use of it (sysconfig's SYS_KULOAD succeeds, the module stays), and it is really
    /// unloaded with the last importer. Each deferral is a finding.
    static func unloadOrder(_ kexts: [LoadedKext], requested: [String]?, linkage: KextLinkage?)
        -> (kexts: [LoadedKext], refusals: [Finding])
    {
        var pending = kexts.reversed().map { $0 }
        if let requested {
            let rank = Dictionary(requested.enumerated().map { ($1, $0) }) { a, _ in a }
            pending.sort { (rank[$0.name] ?? Int.max) < (rank[$1.name] ?? Int.max) }
        }
        var order: [LoadedKext] = []
        var refusals: [Finding] = []
        while !pending.isEmpty {
            let loaded = Set(pending.map(\.name))
            // The first in the wanted order that no loaded kext imports from.
            let i = pending.firstIndex { k in
                !pending.contains { $0 !== k && linkage?.suppliers(of: $0.name).contains(k.name) == true }
            } ?? 0
            if i != 0 {
                let blocked = pending[0]
                let importers = pending.filter { linkage?.suppliers(of: $0.name).contains(blocked.name) == true }.map(\.name)
                refusals.append(Finding(
                    kind: .unloadRefused, ea: nil, size: nil, kext: blocked.name,
                    message: "\(blocked.name) cannot be unloaded before \(importers.joined(separator: ", ")), "
                        + "which still import\(importers.count == 1 ? "s" : "") its exports: AIX keeps it loaded "
                        + "until its last importer is unloaded, so its CFG_TERM ran later"))
                _ = loaded
            }
            order.append(pending.remove(at: i))
        }
        return (order, refusals)
    }
}
