/// Runs the line-number programs of a `.debug_line` section (one per compilation unit) through
/// the DWARF state machine and collects their rows into a `LineTable`.
///
/// The section comes from the kext's file and is untrusted: a unit whose header or opcodes do
/// not decode is dropped from the point of damage (the sequences it finished before stay), and
/// decoding goes on with the next unit while the unit lengths still hold.
enum LineProgram {
    static func decode(debugLine: ArraySlice<UInt8>, lineStrings: ArraySlice<UInt8>?,
                       strings: ArraySlice<UInt8>?) -> LineTable
    {
        var table = LineTable()
        let stringSections = LineProgramHeader.StringSections(
            lineStrings: lineStrings.map(DWARFReader.init), strings: strings.map(DWARFReader.init))
        var section = DWARFReader(debugLine)
        while !section.isAtEnd {
            // 1. The unit length, 32-bit DWARF or (after an escape) 64-bit.
            var offsetSize = 4
            guard var length = try? UInt64(section.u32()) else { break }
            if length == 0xFFFF_FFFF {
                guard let long = try? section.u64() else { break }
                length = long
                offsetSize = 8
            } else if length >= 0xFFFF_FFF0 {
                break // reserved values: nothing after this can be framed
            }
            guard var unit = try? section.subReader(count: length) else { break }
            // 2. The header; 3. the opcodes.
            guard let header = try? LineProgramHeader(&unit, offsetSize: offsetSize, strings: stringSections)
            else { continue }
            run(&unit, header: header, into: &table)
        }
        return table
    }

    /// The file table of the one line program at `offset` (a unit's DW_AT_stmt_list), by the
    /// index its unit's DW_AT_call_file uses; nil when that program's header does not decode.
    static func fileTable(debugLine: ArraySlice<UInt8>, at offset: UInt64,
                          strings: LineProgramHeader.StringSections) -> [Int: String]?
    {
        guard var section = try? DWARFReader(debugLine).reader(at: offset) else { return nil }
        var offsetSize = 4
        guard var length = try? UInt64(section.u32()) else { return nil }
        if length == 0xFFFF_FFFF {
            guard let long = try? section.u64() else { return nil }
            length = long
            offsetSize = 8
        } else if length >= 0xFFFF_FFF0 {
            return nil
        }
        guard var unit = try? section.subReader(count: length),
              let header = try? LineProgramHeader(&unit, offsetSize: offsetSize, strings: strings)
        else { return nil }
        return header.files
    }

    /// The registers of the DWARF line-number state machine that aixsim reports.
    private struct Registers {
        var address: UInt64 = 0
        var operationIndex: UInt64 = 0
        /// 1 at the start in every version, even DWARF 5 where file indices count from 0.
        var file: UInt64 = 1
        var line: UInt64 = 1
        var column: UInt64 = 0

        /// Moves by `advance` operations; on a VLIW target several share one instruction.
        mutating func advance(operations advance: UInt64, _ header: LineProgramHeader) {
            let perInstruction = UInt64(max(header.maximumOperationsPerInstruction, 1))
            let total = operationIndex &+ advance
            address = address &+ UInt64(header.minimumInstructionLength) &* (total / perInstruction)
            operationIndex = total % perInstruction
        }
    }

    private static func run(_ program: inout DWARFReader, header: LineProgramHeader, into table: inout LineTable) {
        var header = header
        var registers = Registers()
        var rows: [LineTable.Row] = []

        func emitRow() {
            let path = header.files[Int(truncatingIfNeeded: registers.file)] ?? ""
            let row = LineTable.Row(address: registers.address, file: table.index(ofFile: path),
                                    line: registers.line, column: registers.column)
            rows.append(row)
        }

        do {
            while !program.isAtEnd {
                let opcode = try program.u8()
                if opcode >= header.opcodeBase {
                    // A special opcode: advance address and line together, then emit a row.
                    let adjusted = UInt64(opcode - header.opcodeBase)
                    registers.advance(operations: adjusted / UInt64(header.lineRange), header)
                    let lineDelta = Int64(header.lineBase) + Int64(adjusted % UInt64(header.lineRange))
                    registers.line = registers.line &+ UInt64(bitPattern: lineDelta)
                    emitRow()
                    continue
                }
                switch opcode {
                case 0: // Extended: a length, then its own opcode and operands.
                    let length = try program.uleb()
                    var operands = try program.subReader(count: length)
                    guard !operands.isAtEnd else { continue }
                    switch try operands.u8() {
                    case 1: // DW_LNE_end_sequence
                        table.add(LineTable.Sequence(rows: rows, endAddress: registers.address))
                        rows = []
                        registers = Registers()
                    case 2: // DW_LNE_set_address, as wide as the operand is
                        let size = operands.end - operands.position
                        registers.address = try operands.unsigned(size: size)
                        registers.operationIndex = 0
                    case 3: // DW_LNE_define_file (before DWARF 5)
                        header.defineFile(try operands.cString())
                    default: // DW_LNE_set_discriminator and vendor opcodes: nothing reported
                        break
                    }
                case 1: // DW_LNS_copy
                    emitRow()
                case 2: // DW_LNS_advance_pc
                    registers.advance(operations: try program.uleb(), header)
                case 3: // DW_LNS_advance_line
                    registers.line = registers.line &+ UInt64(bitPattern: try program.sleb())
                case 4: // DW_LNS_set_file
                    registers.file = try program.uleb()
                case 5: // DW_LNS_set_column
                    registers.column = try program.uleb()
                case 8: // DW_LNS_const_add_pc: the address step of special opcode 255
                    registers.advance(operations: UInt64(255 - header.opcodeBase) / UInt64(header.lineRange), header)
                case 9: // DW_LNS_fixed_advance_pc
                    registers.address = registers.address &+ UInt64(try program.u16())
                    registers.operationIndex = 0
                case 6, 7, 10, 11: // negate_stmt, set_basic_block, prologue_end, epilogue_begin
                    break
                default: // set_isa (12) and opcodes newer than we know: skip their operands
                    let operandCount = header.standardOpcodeLengths[Int(opcode) - 1]
                    for _ in 0..<operandCount { _ = try program.uleb() }
                }
            }
        } catch {
            // A damaged program: the unfinished sequence has no end address and is dropped.
        }
    }
}
