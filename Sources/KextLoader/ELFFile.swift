import Foundation

/// What aixsim needs to know of a kext's ELF shared object before running any of it: its
/// symbols (defined and undefined), its recorded entry address, and the bytes of its data.
struct ELFFile {
    struct Symbol {
        enum Binding: UInt8 { case local = 0, global = 1, weak = 2 }
        enum Kind: UInt8 { case none = 0, object = 1, function = 2 }
        let name: String
        let value: UInt64
        let size: UInt64
        let binding: Binding?
        let kind: Kind?
        let isDefined: Bool
    }

    struct Section {
        let type: UInt32
        let address: UInt64
        let offset: UInt64
        let size: UInt64
        /// From the section-name string table; empty when the file has none or it is damaged.
        var name = ""
    }

    let entryAddress: UInt64
    /// The dynamic symbol table: what the dynamic loader resolves and exports.
    let dynamicSymbols: [Symbol]
    /// The full symbol table, when not stripped.
    let symbols: [Symbol]
    let sections: [Section]
    private let bytes: [UInt8]

    enum ParseError: Error {
        case notELF, wrongClass, wrongMachine, notSharedObject, truncated
    }

    init(contentsOf url: URL) throws {
        try self.init(bytes: [UInt8](Data(contentsOf: url)))
    }

    init(bytes: [UInt8]) throws(ParseError) {
        self.bytes = bytes
        guard bytes.count >= 64, bytes[0] == 0x7F, bytes[1] == 0x45, bytes[2] == 0x4C, bytes[3] == 0x46
        else { throw .notELF }
        guard bytes[4] == 2, bytes[5] == 1 else { throw .wrongClass }
        let type = Self.u16(bytes, 16)
        let machine = Self.u16(bytes, 18)
        guard machine == 62 else { throw .wrongMachine }
        guard type == 3 else { throw .notSharedObject }
        entryAddress = Self.u64(bytes, 24)
        let shentsize = Int(Self.u16(bytes, 58))
        let shnum = Int(Self.u16(bytes, 60))
        // The header's offsets are untrusted: a value past Int.max must be refused, not trapped on.
        guard shentsize == 64, let shoff = Int(exactly: Self.u64(bytes, 40)),
              shoff <= bytes.count, shnum * 64 <= bytes.count - shoff
        else { throw .truncated }
        var sections: [Section] = []
        var links: [Int] = []
        for i in 0..<shnum {
            let o = shoff + i * 64
            sections.append(Section(type: Self.u32(bytes, o + 4), address: Self.u64(bytes, o + 16),
                                    offset: Self.u64(bytes, o + 24), size: Self.u64(bytes, o + 32)))
            links.append(Int(Self.u32(bytes, o + 40)))
        }
        let namesIndex = Int(Self.u16(bytes, 62))
        if namesIndex < sections.count, let names = Self.range(of: sections[namesIndex], in: bytes) {
            for i in sections.indices {
                let nameOffset = UInt64(Self.u32(bytes, shoff + i * 64))
                guard nameOffset < UInt64(names.count) else { continue }
                sections[i].name = Self.cString(bytes, names.lowerBound + Int(nameOffset), limit: names.upperBound)
            }
        }
        self.sections = sections
        func table(ofType t: UInt32) throws(ParseError) -> [Symbol] {
            guard let i = sections.firstIndex(where: { $0.type == t }) else { return [] }
            let s = sections[i]
            guard links[i] < sections.count else { throw .truncated }
            let strings = sections[links[i]]
            guard Self.range(of: s, in: bytes) != nil, Self.range(of: strings, in: bytes) != nil
            else { throw .truncated }
            var out: [Symbol] = []
            for k in stride(from: Int(s.offset), to: Int(s.offset + s.size), by: 24) where k + 24 <= bytes.count {
                let nameOffset = Int(strings.offset) + Int(Self.u32(bytes, k))
                let info = bytes[k + 4]
                out.append(Symbol(
                    name: Self.cString(bytes, nameOffset, limit: Int(strings.offset + strings.size)),
                    value: Self.u64(bytes, k + 8), size: Self.u64(bytes, k + 16),
                    binding: Symbol.Binding(rawValue: info >> 4), kind: Symbol.Kind(rawValue: info & 0xF),
                    isDefined: Self.u16(bytes, k + 6) != 0))
            }
            return out
        }
        dynamicSymbols = try table(ofType: 11)
        symbols = try table(ofType: 2)
    }

    /// Undefined symbols the dynamic loader must resolve (weak ones may stay unresolved).
    var requiredImports: [String] {
        Array(Set(dynamicSymbols.filter { !$0.isDefined && !$0.name.isEmpty && $0.binding != .weak }
            .map(\.name))).sorted()
    }

    /// Functions the kext defines and exports.
    var globalFunctions: [String] {
        dynamicSymbols.filter { $0.isDefined && $0.kind == .function && $0.binding != .local }
            .map(\.name).sorted()
    }

    func definedSymbol(named name: String) -> Symbol? {
        dynamicSymbols.first { $0.isDefined && $0.name == name }
            ?? symbols.first { $0.isDefined && $0.name == name }
    }

    /// Every function the file names, static ones included when the symbol table is present.
    var functionSymbols: [Symbol] {
        (symbols.isEmpty ? dynamicSymbols : symbols).filter { $0.isDefined && $0.kind == .function && $0.size > 0 }
    }

    /// Every variable the file names (data and bss, static ones included when the symbol table
    /// is present); aixsim's own markers are not the kext's.
    var variableSymbols: [Symbol] {
        (symbols.isEmpty ? dynamicSymbols : symbols).filter {
            $0.isDefined && $0.kind == .object && $0.size > 0 && !$0.name.hasPrefix("__aixsim_")
        }
    }

    /// The function whose address the link recorded as the entry point.
    var entryFunctionName: String? {
        guard entryAddress != 0 else { return nil }
        return (dynamicSymbols + symbols).first {
            $0.isDefined && $0.kind == .function && $0.value == entryAddress
        }?.name
    }

    /// Reads a 32-bit value stored at a virtual address of the file's initialised data.
    func uint32(atAddress address: UInt64) -> UInt32? {
        guard let s = sections.first(where: {
            $0.type != 8 /* SHT_NOBITS */ && $0.type != 0 && address >= $0.address
                && $0.size >= 4 && address - $0.address <= $0.size - 4
        }) else { return nil }
        let (offset, overflow) = s.offset.addingReportingOverflow(address - s.address)
        guard !overflow, offset < UInt64(bytes.count), bytes.count - Int(offset) >= 4 else { return nil }
        return Self.u32(bytes, Int(offset))
    }

    /// The first section called `name` that has bytes in the file.
    func section(named name: String) -> Section? {
        sections.first { $0.name == name && $0.type != 8 /* SHT_NOBITS */ }
    }

    /// A section's bytes, or nil when its recorded offset and size reach outside the file.
    func contents(of section: Section) -> ArraySlice<UInt8>? {
        Self.range(of: section, in: bytes).map { bytes[$0] }
    }

    /// Where a section's bytes lie in the file, checked without trusting its offset or size.
    private static func range(of section: Section, in bytes: [UInt8]) -> Range<Int>? {
        guard section.offset <= UInt64(bytes.count), section.size <= UInt64(bytes.count) - section.offset
        else { return nil }
        return Int(section.offset)..<Int(section.offset + section.size)
    }

    private static func u16(_ b: [UInt8], _ o: Int) -> UInt16 { UInt16(b[o]) | UInt16(b[o + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ o: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(b[o + $1]) << (8 * UInt32($1)) }
    }
    private static func u64(_ b: [UInt8], _ o: Int) -> UInt64 {
        (0..<8).reduce(0) { $0 | UInt64(b[o + $1]) << (8 * UInt64($1)) }
    }
    private static func cString(_ b: [UInt8], _ o: Int, limit: Int) -> String {
        let limit = min(limit, b.count)
        // A name offset past its table (a damaged file) names nothing rather than trapping.
        guard o >= 0, o < limit else { return "" }
        var end = o
        while end < limit, b[end] != 0 { end += 1 }
        return String(decoding: b[o..<end], as: UTF8.self)
    }
}
