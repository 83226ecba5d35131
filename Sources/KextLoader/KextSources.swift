/// A kext built from several C files, named on the command line as `main.c+util.c`: one kext,
/// one shared object, the first file naming it (its NAME_entry, its NAME.exp).
///
/// Why `+` and not more positional arguments: those already mean further kexts loaded into the
/// same kernel, and a kext of several files is one kext, as `ld main.o util.o` makes one module.
public enum KextSources {
    /// The C files of `text` when it joins two or more with `+`, nil for anything else (a
    /// sample name, one file, a shared object). Every part must end in `.c`.
    public static func parts(of text: String) -> [String]? {
        guard text.contains("+") else { return nil }
        let parts = text.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 2, parts.allSatisfy({ $0.hasSuffix(".c") && $0.count > 2 }) else { return nil }
        return parts
    }
}
