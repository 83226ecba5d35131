import Foundation

/// Maps an address in a kext's shared object to its function and source line, from the
/// object's own symbol table and `.debug_line`. Built once per kext; the file is read and its
/// line programs decoded when the locator is made, and nothing of the file is kept but the rows.
///
/// Everything in the file is untrusted: a damaged or missing section gives fewer answers (or
/// only the function), never a trap.
struct SourceLocator {
    /// Defined functions by ascending address.
    private let functions: [ELFFile.Symbol]
    private let lines: LineTable

    /// Reads the shared object at `url`; an unreadable or foreign file gives a locator that
    /// knows nothing.
    init(elf url: URL) {
        self.init(bytes: (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? [])
    }

    init(bytes: [UInt8]) {
        guard let elf = try? ELFFile(bytes: bytes) else {
            functions = []
            lines = LineTable()
            return
        }
        functions = elf.functionSymbols.sorted { $0.value < $1.value }
        guard let debugLine = elf.section(named: ".debug_line").flatMap(elf.contents(of:)) else {
            lines = LineTable()
            return
        }
        lines = LineProgram.decode(
            debugLine: debugLine,
            lineStrings: elf.section(named: ".debug_line_str").flatMap(elf.contents(of:)),
            strings: elf.section(named: ".debug_str").flatMap(elf.contents(of:)))
    }

    /// Whether the object carried a line table with at least one usable sequence.
    var hasLineInformation: Bool { !lines.sequences.isEmpty }

    /// The function and line for `offset`, an address relative to the object's load base;
    /// nil when neither the symbols nor the line table cover it.
    func location(ofOffset offset: UInt64) -> KextSourceLocation? {
        let function = function(containing: offset).map {
            KextSourceLocation.FunctionOffset(name: $0.name, offset: offset - $0.value)
        }
        var position: KextSourceLocation.Position?
        var found = lines.row(containing: offset)
        // A service call is an inline stub from aixsim's own headers (kernex.def); the line worth
        // showing is the kext's line that made the call, the last one before the stub's code.
        if let row = found, Self.isStubFile(lines.files[row.file]), let function {
            found = lines.lastRow(atOrBefore: offset, notBefore: offset - function.offset) {
                $0.line != 0 && !Self.isStubFile(lines.files[$0.file])
            } ?? row
        }
        if let row = found, row.line != 0, row.line <= UInt64(Int.max),
           case let file = lines.files[row.file], !file.isEmpty
        {
            position = .init(file: file, line: Int(row.line),
                             column: row.column == 0 || row.column > UInt64(Int.max) ? nil : Int(row.column))
        }
        guard function != nil || position != nil else { return nil }
        return KextSourceLocation(function: function, position: position)
    }

    /// Files of aixsim's kernel ABI, whose inline service stubs every kext includes.
    static func isStubFile(_ path: String) -> Bool {
        path.contains("/AIXSimKernelABI/") || path.hasSuffix(".def")
    }

    private func function(containing offset: UInt64) -> ELFFile.Symbol? {
        // Symbols may nest or overlap (aliases); the closest start at or below wins.
        functions.last { $0.value <= offset && offset - $0.value < $0.size }
    }
}
