/// The decoded `.debug_line` of one shared object: for each run of contiguous machine code
/// (a DWARF sequence), the rows that say which source line each address range came from.
/// Addresses are the object's link-time addresses, i.e. offsets from its load base.
struct LineTable {
    /// One row of the line-number matrix: from `address` up to the next row's address, the
    /// code came from `line` (and `column`, 0 when unknown) of file `file`.
    struct Row: Equatable {
        let address: UInt64
        /// Index into `LineTable.files`.
        let file: Int
        let line: UInt64
        let column: UInt64
    }

    /// Rows in address order, ending before `endAddress` (the DWARF end_sequence row).
    struct Sequence {
        let rows: [Row]
        let endAddress: UInt64

        var startAddress: UInt64 { rows.first?.address ?? endAddress }
    }

    /// File paths, shared by every unit's rows; "" stands for a file index the table never
    /// defined.
    private(set) var files: [String] = []
    private var fileIndices: [String: Int] = [:]
    private(set) var sequences: [Sequence] = []

    mutating func index(ofFile path: String) -> Int {
        if let known = fileIndices[path] { return known }
        files.append(path)
        fileIndices[path] = files.count - 1
        return files.count - 1
    }

    mutating func add(_ sequence: Sequence) {
        guard !sequence.rows.isEmpty, sequence.startAddress < sequence.endAddress else { return }
        sequences.append(sequence)
    }

    /// The row covering `address`: in the sequence that contains it, the last row starting at
    /// or before it (as debuggers read the matrix).
    func row(containing address: UInt64) -> Row? {
        // Code the linker dropped keeps its sequences at address 0; a real sequence covering the
        // address is preferred by taking the one that starts latest.
        guard let sequence = sequences
            .filter({ $0.startAddress <= address && address < $0.endAddress })
            .max(by: { $0.startAddress < $1.startAddress })
        else { return nil }
        var low = 0
        var high = sequence.rows.count
        while low < high {
            let middle = (low + high) / 2
            if sequence.rows[middle].address <= address { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : sequence.rows[low - 1]
    }

    /// The last row at or before `address`, and not before `start`, that `accept` takes.
    func lastRow(atOrBefore address: UInt64, notBefore start: UInt64, where accept: (Row) -> Bool) -> Row? {
        guard let sequence = sequences
            .filter({ $0.startAddress <= address && address < $0.endAddress })
            .max(by: { $0.startAddress < $1.startAddress })
        else { return nil }
        return sequence.rows.last { $0.address <= address && $0.address >= start && accept($0) }
    }
}
