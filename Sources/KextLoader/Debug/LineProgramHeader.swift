/// The header of one line-number program (one compilation unit's part of `.debug_line`),
/// DWARF versions 2 to 5: the constants the opcodes are read with, and the file table.
struct LineProgramHeader {
    let version: UInt16
    let minimumInstructionLength: UInt8
    let maximumOperationsPerInstruction: UInt8
    let defaultIsStatement: Bool
    let lineBase: Int8
    let lineRange: UInt8
    let opcodeBase: UInt8
    /// How many LEB128 operands each standard opcode takes, for skipping ones we do not know.
    let standardOpcodeLengths: [UInt8]
    /// Full paths, by the index the program's set_file uses (from 0 in DWARF 5, from 1 before).
    private(set) var files: [Int: String]

    enum Malformed: Error { case unsupportedVersion, zeroLineRange, zeroOpcodeBase, unknownForm, badCount }

    /// The string sections a DWARF 5 file table may point into.
    struct StringSections {
        let lineStrings: DWARFReader?
        let strings: DWARFReader?
    }

    /// Reads the header from `unit`, which starts just after the unit length; leaves `unit` at
    /// the first opcode of the program.
    init(_ unit: inout DWARFReader, offsetSize: Int, strings: StringSections) throws {
        version = try unit.u16()
        guard (2...5).contains(version) else { throw Malformed.unsupportedVersion }
        if version >= 5 {
            _ = try unit.u8() // address_size: set_address gives its own length
            _ = try unit.u8() // segment_selector_size
        }
        let headerLength = try unit.unsigned(size: offsetSize)
        var header = try unit.subReader(count: headerLength)
        minimumInstructionLength = try header.u8()
        maximumOperationsPerInstruction = try version >= 4 ? header.u8() : 1
        defaultIsStatement = try header.u8() != 0
        lineBase = try header.s8()
        lineRange = try header.u8()
        guard lineRange != 0 else { throw Malformed.zeroLineRange }
        opcodeBase = try header.u8()
        guard opcodeBase != 0 else { throw Malformed.zeroOpcodeBase }
        var lengths: [UInt8] = []
        for _ in 1..<opcodeBase { lengths.append(try header.u8()) }
        standardOpcodeLengths = lengths
        files = [:]
        if version >= 5 {
            try readVersion5Tables(&header, offsetSize: offsetSize, strings: strings)
        } else {
            try readTables(&header)
        }
    }

    /// Before DWARF 5: NUL-terminated lists; directory 0 is the compilation directory, which
    /// only `.debug_info` records, so its files keep their relative names.
    private mutating func readTables(_ header: inout DWARFReader) throws {
        var directories: [String] = []
        while true {
            let directory = try header.cString()
            if directory.isEmpty { break }
            directories.append(directory)
        }
        while true {
            let name = try header.cString()
            if name.isEmpty { break }
            let directoryIndex = try header.uleb()
            _ = try header.uleb() // modification time
            _ = try header.uleb() // length
            let directory = directoryIndex >= 1 && directoryIndex <= UInt64(directories.count)
                ? directories[Int(directoryIndex) - 1] : nil
            files[files.count + 1] = Self.join(directory, name)
        }
    }

    /// A file named by DW_LNE_define_file inside the program (DWARF 4 and earlier).
    mutating func defineFile(_ name: String) {
        files[files.count + 1] = name
    }

    /// DWARF 5: each table first describes its columns (content kind, form), then lists entries.
    private mutating func readVersion5Tables(_ header: inout DWARFReader, offsetSize: Int,
                                             strings: StringSections) throws
    {
        let directories = try Self.readEntries(&header, offsetSize: offsetSize, strings: strings)
            .map { $0.path ?? "" }
        let root = directories.first
        for (index, entry) in try Self.readEntries(&header, offsetSize: offsetSize, strings: strings).enumerated() {
            guard let path = entry.path else { continue }
            var directory: String?
            if let d = entry.directoryIndex, d < UInt64(directories.count) {
                directory = d == 0 ? root : Self.join(root, directories[Int(d)])
            }
            files[index] = Self.join(directory, path)
        }
    }

    private struct Entry {
        var path: String?
        var directoryIndex: UInt64?
    }

    private static func readEntries(_ header: inout DWARFReader, offsetSize: Int,
                                    strings: StringSections) throws -> [Entry]
    {
        let formatCount = try header.u8()
        var formats: [(content: UInt64, form: UInt64)] = []
        for _ in 0..<formatCount { formats.append((try header.uleb(), try header.uleb())) }
        let count = try header.uleb()
        // Every entry takes at least a byte, so a count beyond what is left is a lie.
        guard count <= UInt64(header.end - header.position) else { throw Malformed.badCount }
        var entries: [Entry] = []
        for _ in 0..<count {
            let start = header.position
            var entry = Entry()
            for format in formats {
                let value = try readForm(format.form, &header, offsetSize: offsetSize, strings: strings)
                switch (format.content, value) {
                case (0x1 /* DW_LNCT_path */, .string(let s)): entry.path = s
                case (0x2 /* DW_LNCT_directory_index */, .number(let n)): entry.directoryIndex = n
                default: break
                }
            }
            guard header.position > start else { throw Malformed.badCount }
            entries.append(entry)
        }
        return entries
    }

    private enum FormValue { case string(String), number(UInt64), other }

    private static func readForm(_ form: UInt64, _ r: inout DWARFReader, offsetSize: Int,
                                 strings: StringSections) throws -> FormValue
    {
        switch form {
        case 0x08: return .string(try r.cString()) // DW_FORM_string
        case 0x1F, 0x0E: // DW_FORM_line_strp, DW_FORM_strp
            let offset = try r.unsigned(size: offsetSize)
            guard var section = form == 0x1F ? strings.lineStrings : strings.strings else { return .other }
            section = try section.reader(at: offset)
            return .string(try section.cString())
        case 0x0B: return .number(try r.unsigned(size: 1)) // DW_FORM_data1
        case 0x05: return .number(try r.unsigned(size: 2)) // DW_FORM_data2
        case 0x06: return .number(try r.unsigned(size: 4)) // DW_FORM_data4
        case 0x07: return .number(try r.unsigned(size: 8)) // DW_FORM_data8
        case 0x0F: return .number(try r.uleb()) // DW_FORM_udata
        case 0x0D: return .number(UInt64(bitPattern: try r.sleb())) // DW_FORM_sdata
        case 0x1E: try r.skip(16); return .other // DW_FORM_data16 (the MD5)
        case 0x09: try r.skip(try r.uleb()); return .other // DW_FORM_block
        case 0x0A: try r.skip(try r.unsigned(size: 1)); return .other // DW_FORM_block1
        case 0x03: try r.skip(try r.unsigned(size: 2)); return .other // DW_FORM_block2
        case 0x04: try r.skip(try r.unsigned(size: 4)); return .other // DW_FORM_block4
        // DW_FORM_strx*: offsets into .debug_str_offsets, which needs the unit's base from
        // .debug_info; skip the value and leave the name unknown.
        case 0x1A: _ = try r.uleb(); return .other
        case 0x25: try r.skip(1); return .other
        case 0x26: try r.skip(2); return .other
        case 0x27: try r.skip(3); return .other
        case 0x28: try r.skip(4); return .other
        default: throw Malformed.unknownForm
        }
    }

    private static func join(_ directory: String?, _ name: String) -> String {
        guard let directory, !directory.isEmpty, !name.hasPrefix("/") else { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
