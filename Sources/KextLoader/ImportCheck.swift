import Kernel

/// The AIX loader's rule: every symbol a kext imports must be resolved by the kernel's export
/// list, or the load fails. aixsim adds the libcsys string functions kernel code links with.
enum ImportCheck {
    /// `importable`: symbols other kexts loaded before this one export (`-bI` of their `.exp`).
    static func check(_ elf: ELFFile, path: String, importable: Set<String> = []) throws(LoadError) {
        let imports = elf.requiredImports.filter { !ExportList.libcsys.contains($0) && !importable.contains($0) }
        // A service named as an external symbol would bypass the kext's table (and bind to the
        // host's C library, for printf): the kext was not compiled against aixsim's headers.
        let services = imports.filter { ExportList.byName[$0] != nil }
        let unresolved = imports.filter { ExportList.byName[$0] == nil }
        if !unresolved.isEmpty { throw .unresolvedImports(path, unresolved) }
        if !services.isEmpty { throw .servicesImportedDirectly(path, services) }
    }
}
