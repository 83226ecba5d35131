/// Where each inlined function instance of a kext was called from, read from `.debug_info`
/// (DW_TAG_inlined_subroutine with DW_AT_call_file/line/column): aixsim's kernel services
/// reach the kext table through extern-inline wrappers from its own headers, so the line table
/// places a service call in `kernex.def`, while the wrapper's inlined instance records the
/// kext line that made the call.
///
/// Only instances called from a file that is not one of aixsim's stub files are kept, as an
/// interval list sorted by address; `callSite(containing:)` answers with the innermost one.
/// The file is untrusted: a unit whose header, abbreviations or entries do not decode is
/// skipped from the point of damage, and nothing traps.
struct InlinedCallSites {
    /// A call site: the kext line whose call was inlined at these addresses.
    struct Site: Equatable {
        let file: String
        let line: UInt64
        let column: UInt64
    }

    private struct Interval {
        let range: Range<UInt64>
        /// How deep in the entry tree the instance sits: deeper is inlined further in.
        let depth: Int
        let site: Site
    }

    /// By ascending start address.
    private let intervals: [Interval]
    /// For each interval, the furthest end among it and those before it, so a lookup can stop
    /// walking back once nothing earlier reaches the address.
    private let reach: [UInt64]

    /// Whether `.debug_info` held at least one unit this reader could walk.
    let hasDebugInfo: Bool

    init() {
        self.init(intervals: [], hasDebugInfo: false)
    }

    private init(intervals unsorted: [Interval], hasDebugInfo: Bool) {
        let sorted = unsorted.sorted { ($0.range.lowerBound, $0.depth) < ($1.range.lowerBound, $1.depth) }
        var furthest: UInt64 = 0
        intervals = sorted
        reach = sorted.map { furthest = max(furthest, $0.range.upperBound); return furthest }
        self.hasDebugInfo = hasDebugInfo
    }

    /// Every bound on the work a crafted file can cause: range-list entries read, intervals kept.
    private static let rangeEntryBudget = 1 << 20
    private static let intervalLimit = 1 << 18

    init(elf: ELFFile, isStubFile: @escaping (String) -> Bool) {
        func section(_ name: String) -> ArraySlice<UInt8>? { elf.section(named: name).flatMap(elf.contents(of:)) }
        guard let info = section(".debug_info"), let abbrev = section(".debug_abbrev") else {
            self.init()
            return
        }
        let addresses = DebugInfoAddresses(
            addresses: section(".debug_addr").map(DWARFReader.init),
            ranges: section(".debug_ranges").map(DWARFReader.init),
            rangeLists: section(".debug_rnglists").map(DWARFReader.init))
        var walk = Walk(abbrevSection: DWARFReader(abbrev), addresses: addresses,
                        debugLine: section(".debug_line"),
                        strings: LineProgramHeader.StringSections(
                            lineStrings: section(".debug_line_str").map(DWARFReader.init),
                            strings: section(".debug_str").map(DWARFReader.init)),
                        isStubFile: isStubFile)
        var unitsRead = 0
        var reader = DWARFReader(info)
        while !reader.isAtEnd, walk.intervals.count < Self.intervalLimit {
            var offsetSize = 4
            guard var length = try? UInt64(reader.u32()) else { break }
            if length == 0xFFFF_FFFF {
                guard let long = try? reader.u64() else { break }
                length = long
                offsetSize = 8
            } else if length >= 0xFFFF_FFF0 {
                break // reserved values: nothing after this can be framed
            }
            guard var unit = try? reader.subReader(count: length) else { break }
            if (try? walk.unit(&unit, offsetSize: offsetSize)) != nil { unitsRead += 1 }
        }
        self.init(intervals: walk.intervals, hasDebugInfo: unitsRead > 0 || !walk.intervals.isEmpty)
    }

    /// The call site of the innermost inlined instance covering `address` that was called
    /// from the kext's own sources.
    func callSite(containing address: UInt64) -> Site? {
        var low = 0
        var high = intervals.count
        while low < high {
            let middle = (low + high) / 2
            if intervals[middle].range.lowerBound <= address { low = middle + 1 } else { high = middle }
        }
        var best: Interval?
        var i = low - 1
        while i >= 0, reach[i] > address {
            let candidate = intervals[i]
            if candidate.range.contains(address), candidate.depth > (best?.depth ?? -1) { best = candidate }
            i -= 1
        }
        return best?.site
    }

    /// The state of one pass over `.debug_info`.
    private struct Walk {
        let abbrevSection: DWARFReader
        let addresses: DebugInfoAddresses
        let debugLine: ArraySlice<UInt8>?
        let strings: LineProgramHeader.StringSections
        let isStubFile: (String) -> Bool
        var intervals: [Interval] = []
        var rangeBudget = InlinedCallSites.rangeEntryBudget
        private var abbreviationTables: [UInt64: DebugInfoAbbreviations] = [:]
        private var fileTables: [UInt64: [Int: String]] = [:]

        init(abbrevSection: DWARFReader, addresses: DebugInfoAddresses, debugLine: ArraySlice<UInt8>?,
             strings: LineProgramHeader.StringSections, isStubFile: @escaping (String) -> Bool)
        {
            self.abbrevSection = abbrevSection
            self.addresses = addresses
            self.debugLine = debugLine
            self.strings = strings
            self.isStubFile = isStubFile
        }

        struct Malformed: Error {}

        /// Reads one unit, `unit` starting just after its length. Intervals found before a
        /// damaged entry stay.
        mutating func unit(_ unit: inout DWARFReader, offsetSize: Int) throws {
            let version = try unit.u16()
            guard (2...5).contains(version) else { throw Malformed() }
            let abbrevOffset: UInt64
            let addressSize: Int
            if version >= 5 {
                let unitType = try unit.u8()
                addressSize = Int(try unit.u8())
                abbrevOffset = try unit.unsigned(size: offsetSize)
                switch unitType {
                case 0x01, 0x03: break // compile, partial
                case 0x04, 0x05: try unit.skip(8) // skeleton, split_compile: the DWO id
                default: return // type units hold no code
                }
            } else {
                abbrevOffset = try unit.unsigned(size: offsetSize)
                addressSize = Int(try unit.u8())
            }
            guard addressSize == 4 || addressSize == 8 else { throw Malformed() }
            let abbreviations = try abbreviations(at: abbrevOffset)
            var context = DebugInfoAddresses.UnitContext(
                encoding: .init(version: version, offsetSize: offsetSize, addressSize: addressSize))
            var files: [Int: String] = [:]
            var depth = 0
            var first = true
            while !unit.isAtEnd {
                let code = try unit.uleb()
                if code == 0 {
                    depth -= 1
                    if depth <= 0 { return } // the unit entry's children are done
                    continue
                }
                guard let abbreviation = abbreviations.byCode[code] else { throw Malformed() }
                var values: [UInt64: DebugInfoValue] = [:]
                for attribute in abbreviation.attributes {
                    let value = try DebugInfoValue.read(attribute.form, from: &unit, encoding: context.encoding,
                                                        implicitConstant: attribute.implicitConstant)
                    switch attribute.name {
                    // low_pc, high_pc, ranges, stmt_list, call_*, addr_base, rnglists_base
                    case 0x11, 0x12, 0x55, 0x10, 0x57, 0x58, 0x59, 0x73, 0x74:
                        values[attribute.name] = value
                    default: break
                    }
                }
                if first {
                    first = false
                    files = unitEntry(values, context: &context)
                } else if abbreviation.tag == 0x1D /* DW_TAG_inlined_subroutine */ {
                    try inlined(values, depth: depth, context: context, files: files)
                }
                if abbreviation.hasChildren { depth += 1 } else if depth == 0 { return }
            }
        }

        /// The unit's own entry: the bases its other entries' values count from, and its files.
        private mutating func unitEntry(_ values: [UInt64: DebugInfoValue],
                                        context: inout DebugInfoAddresses.UnitContext) -> [Int: String]
        {
            if case .sectionOffset(let base)? = values[0x73] { context.addressBase = base }
            if case .sectionOffset(let base)? = values[0x74] { context.rangeListsBase = base }
            // The base may be an index into .debug_addr, so it is read after addr_base.
            if let low = values[0x11], let base = addresses.address(low, unit: context) {
                context.baseAddress = base
            }
            guard let debugLine, let statements = Self.offset(values[0x10]) else { return [:] }
            if let known = fileTables[statements] { return known }
            let files = LineProgram.fileTable(debugLine: debugLine, at: statements, strings: strings) ?? [:]
            fileTables[statements] = files
            return files
        }

        private mutating func inlined(_ values: [UInt64: DebugInfoValue], depth: Int,
                                      context: DebugInfoAddresses.UnitContext, files: [Int: String]) throws
        {
            guard case .constant(let fileIndex)? = values[0x58], case .constant(let line)? = values[0x59],
                  line != 0, let file = files[Int(truncatingIfNeeded: fileIndex)], !file.isEmpty,
                  !isStubFile(file)
            else { return }
            var column: UInt64 = 0
            if case .constant(let c)? = values[0x57] { column = c }
            let site = Site(file: file, line: line, column: column)
            var ranges: [Range<UInt64>] = []
            if let low = values[0x11].flatMap({ addresses.address($0, unit: context) }), let high = values[0x12] {
                // high_pc is an address of its own, or (DWARF 4 on) a length from low_pc.
                let end: UInt64? = switch high {
                case .constant(let length): low &+ length
                default: addresses.address(high, unit: context)
                }
                if let end, low < end { ranges = [low..<end] }
            } else if let list = values[0x55] {
                // A damaged list drops this instance only; the unit's framing is intact.
                ranges = (try? addresses.ranges(list, unit: context, budget: &rangeBudget)) ?? []
                guard rangeBudget > 0 else { throw Malformed() }
            }
            for range in ranges where intervals.count < InlinedCallSites.intervalLimit {
                intervals.append(Interval(range: range, depth: depth, site: site))
            }
        }

        private mutating func abbreviations(at offset: UInt64) throws -> DebugInfoAbbreviations {
            if let known = abbreviationTables[offset] { return known }
            let table = try DebugInfoAbbreviations(abbrevSection, at: offset)
            abbreviationTables[offset] = table
            return table
        }

        private static func offset(_ value: DebugInfoValue?) -> UInt64? {
            switch value {
            case .sectionOffset(let o)?, .constant(let o)?: o // DWARF 2 and 3 gave stmt_list as data4/8
            default: nil
            }
        }
    }
}
