import Kernel

/// The AIX loader's rule: every symbol a kext imports must be resolved by the kernel's export
/// list, or the load fails. aixsim adds the libcsys string functions kernel code links with.
public enum ImportCheck {
    /// `importable`: symbols other kexts loaded before this one export (`-bI` of their `.exp`).
    static func check(_ elf: ELFFile, path: String, importable: Set<String> = []) throws(LoadError) {
        let imports = elf.requiredImports.filter { !ExportList.libcsys.contains($0) && !importable.contains($0) }
        // A kext aixsim compiles binds every service it names, header or not, through its weak
        // stubs; one that still imports a service was built elsewhere without them, and the
        // symbol would bind to the host (to its C library, for printf).
        let services = imports.filter { ExportList.byName[$0] != nil }
        let unresolved = imports.filter { ExportList.byName[$0] == nil }
        if !unresolved.isEmpty {
            throw .unresolvedImports(path, unresolved, nearest: unresolved.map(nearestExport))
        }
        if !services.isEmpty { throw .servicesImportedDirectly(path, services) }
    }

    /// The export (or libcsys function) whose name is fewest edits from `name`: the likely
    /// intended symbol of a misspelt or host-only call.
    static func nearestExport(to name: String) -> String {
        if let instead = laterReleaseServices[name] { return instead }
        let candidates = ExportList.all.map(\.name) + ExportList.libcsys.sorted()
        var best = candidates[0]
        var bestDistance = Int.max
        for candidate in candidates {
            let distance = editDistance(name, candidate)
            if distance < bestDistance { (best, bestDistance) = (candidate, distance) }
        }
        return best
    }

    /// Services of later AIX releases a kext may call, which AIX 5.3's kernel does not export:
    /// the refusal says so, and what 5.3 offers instead, rather than naming a look-alike.
    static let laterReleaseServices: [String: String] = [
        "heap_create": "init_heap (heap_create is AIX 6.1's; AIX 5.3 exports init_heap)",
        "heap_destroy": "none (heap_destroy is AIX 6.1's; AIX 5.3 cannot destroy an init_heap heap)",
    ]

    /// Levenshtein distance: insertions, deletions and substitutions each cost one. Also what
    /// the command line uses to suggest a subcommand, so there is one definition of "near".
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return previous[b.count]
    }
}
