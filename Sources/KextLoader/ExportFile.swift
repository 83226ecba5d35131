import Foundation

/// A kext's export list, as AIX's binder reads it with `ld -bE:FILE.exp`: one symbol a line,
/// optionally followed by a keyword saying how user programs may reach it. Lines starting
/// with `*` are comments; a first line `#!` (or `#!/unix`) names where imports resolve and is
/// skipped here.
///
///     #!
///     kx_echo   syscall64
///     kx_stats  syscall3264
///     kx_helper
public struct ExportFile: Sendable, Equatable {
    /// How a user program may call an exported symbol.
    public enum Kind: String, Sendable, Equatable {
        /// Kernel code only: other kexts may import it (`-bI`).
        case kernel
        /// A system call for 32-bit processes (the older keyword `syscall` means the same).
        case syscall32
        /// A system call for 64-bit processes.
        case syscall64
        /// A system call for both.
        case syscall3264

        /// Whether a 64-bit process (aixsim's only kind) may make this system call.
        public var reachableFrom64BitProcess: Bool { self == .syscall64 || self == .syscall3264 }
        public var isSystemCall: Bool { self != .kernel }
    }

    public struct Symbol: Sendable, Equatable {
        public let name: String
        public let kind: Kind
    }

    public let symbols: [Symbol]

    public init(symbols: [Symbol]) { self.symbols = symbols }

    /// Parses the text of an export file; a line with an unknown keyword is an error, naming it.
    public init(parsing text: String) throws(ParseError) {
        var symbols: [Symbol] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("*") || line.hasPrefix("#") { continue }
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            let kind: Kind
            switch words.count > 1 ? words[1] : nil {
            case nil: kind = .kernel
            case "syscall", "syscall32": kind = .syscall32
            case "syscall64": kind = .syscall64
            case "syscall3264": kind = .syscall3264
            case let other?: throw ParseError(line: n + 1, text: "unknown keyword '\(other)'")
            }
            symbols.append(Symbol(name: words[0], kind: kind))
        }
        self.symbols = symbols
    }

    public struct ParseError: Error, Equatable {
        public let line: Int
        public let text: String
    }

    /// The export file of a kext, by AIX convention `NAME.exp` beside its source or object.
    static func beside(_ path: URL) -> URL? {
        let candidate = path.deletingPathExtension().appendingPathExtension("exp")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    public var systemCalls: [Symbol] { symbols.filter(\.kind.isSystemCall) }
}
