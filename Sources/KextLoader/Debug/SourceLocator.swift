import Foundation

/// Maps an address in a kext's shared object to its function and source line, from the
/// object's own symbol table, `.debug_line`, and the inlined call sites of `.debug_info`. Built
/// once per kext, when a report first asks (`LoadedKext` holds it lazily); the file is read and
/// decoded then, and nothing of it is kept but the rows and call sites.
///
/// Everything in the file is untrusted: a damaged or missing section gives fewer answers (or
/// only the function), never a trap.
struct SourceLocator {
    /// Defined functions by ascending address.
    private let functions: [ELFFile.Symbol]
    private let lines: LineTable
    /// The kext lines that called inlined service wrappers, from `.debug_info`.
    private let callSites: InlinedCallSites

    /// Reads the shared object at `url`; an unreadable or foreign file gives a locator that
    /// knows nothing.
    init(elf url: URL) {
        self.init(bytes: (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? [])
    }

    init(bytes: [UInt8]) {
        guard let elf = try? ELFFile(bytes: bytes) else {
            functions = []
            lines = LineTable()
            callSites = InlinedCallSites()
            return
        }
        functions = elf.functionSymbols.sorted { $0.value < $1.value }
        callSites = InlinedCallSites(elf: elf, isStubFile: Self.isStubFile)
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
        var found = lines.row(containing: offset).map { (file: lines.files[$0.file], line: $0.line, column: $0.column) }
        // A service call is an inline wrapper from aixsim's own headers (kernex.def); the line
        // worth showing is the kext's line that made the call. The wrapper's inlined instance in
        // .debug_info records it exactly; without one, the last kext row before the wrapper's
        // code is the best guess (right with gcc, often the line after with clang).
        if let row = found, Self.isStubFile(row.file) {
            if let site = callSites.callSite(containing: offset) {
                found = (site.file, site.line, site.column)
            } else if let function, let earlier = lines.lastRow(
                atOrBefore: offset, notBefore: offset - function.offset,
                where: { $0.line != 0 && !Self.isStubFile(lines.files[$0.file]) })
            {
                found = (lines.files[earlier.file], earlier.line, earlier.column)
            }
        }
        if let row = found, row.line != 0, row.line <= UInt64(Int.max), !row.file.isEmpty {
            position = .init(file: row.file, line: Int(row.line),
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
