/// One unit's abbreviation table from `.debug_abbrev`: for each code a `.debug_info` entry
/// starts with, the entry's tag, whether children follow it, and its attributes' forms.
struct DebugInfoAbbreviations {
    struct Attribute {
        let name: UInt64
        let form: UInt64
        /// DW_FORM_implicit_const keeps its value here rather than in each entry.
        let implicitConstant: Int64
    }

    struct Abbreviation {
        let tag: UInt64
        let hasChildren: Bool
        let attributes: [Attribute]
    }

    struct Malformed: Error {}

    private(set) var byCode: [UInt64: Abbreviation] = [:]

    /// Reads the table starting at `offset` of `section`, up to its terminating zero code.
    init(_ section: DWARFReader, at offset: UInt64) throws {
        var r = try section.reader(at: offset)
        while true {
            let code = try r.uleb()
            if code == 0 { return }
            let tag = try r.uleb()
            let hasChildren = try r.u8() != 0
            var attributes: [Attribute] = []
            while true {
                let name = try r.uleb()
                let form = try r.uleb()
                if name == 0, form == 0 { break }
                let constant = form == 0x21 ? try r.sleb() : 0
                attributes.append(Attribute(name: name, form: form, implicitConstant: constant))
            }
            // A code defined twice is a damaged table: which one an entry meant is unknowable.
            guard byCode[code] == nil else { throw Malformed() }
            byCode[code] = Abbreviation(tag: tag, hasChildren: hasChildren, attributes: attributes)
        }
    }
}
