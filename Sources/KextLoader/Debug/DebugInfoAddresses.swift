/// The sections a `.debug_info` entry's addresses may live in: `.debug_addr` (DWARF 5 address
/// indices), `.debug_ranges` (DWARF 4 range lists) and `.debug_rnglists` (DWARF 5 range lists).
/// All of it is untrusted: every offset and index is checked before it is followed.
struct DebugInfoAddresses {
    let addresses: DWARFReader?
    let ranges: DWARFReader?
    let rangeLists: DWARFReader?

    struct Malformed: Error {}

    /// What a unit contributes to reading its addresses.
    struct UnitContext {
        let encoding: DebugInfoValue.Encoding
        /// The unit's DW_AT_low_pc: the base that range-list offsets count from.
        var baseAddress: UInt64 = 0
        /// DW_AT_addr_base: where the unit's entries in `.debug_addr` start (past its header).
        var addressBase: UInt64 = 8
        /// DW_AT_rnglists_base: where the unit's offsets table in `.debug_rnglists` starts.
        var rangeListsBase: UInt64 = 12
    }

    /// The address `value` denotes, resolving an index through `.debug_addr`; nil for a value
    /// of another class or an index outside the section.
    func address(_ value: DebugInfoValue, unit: UnitContext) -> UInt64? {
        switch value {
        case .address(let a): return a
        case .addressIndex(let index): return try? address(atIndex: index, unit: unit)
        default: return nil
        }
    }

    private func address(atIndex index: UInt64, unit: UnitContext) throws -> UInt64 {
        let size = UInt64(unit.encoding.addressSize)
        let (scaled, o1) = index.multipliedReportingOverflow(by: size)
        let (offset, o2) = unit.addressBase.addingReportingOverflow(scaled)
        guard !o1, !o2, let addresses else { throw Malformed() }
        var r = try addresses.reader(at: offset)
        return try r.unsigned(size: unit.encoding.addressSize)
    }

    /// The address ranges a DW_AT_ranges value names. `budget` bounds the entries read over a
    /// whole walk, so a crafted file whose entries all share one huge list stays cheap.
    func ranges(_ value: DebugInfoValue, unit: UnitContext, budget: inout Int) throws -> [Range<UInt64>] {
        if unit.encoding.version < 5 {
            guard case .sectionOffset(let offset) = value, let ranges else { throw Malformed() }
            return try rangesV4(ranges.reader(at: offset), unit: unit, budget: &budget)
        }
        guard let rangeLists else { throw Malformed() }
        switch value {
        case .sectionOffset(let offset):
            return try rangesV5(rangeLists.reader(at: offset), unit: unit, budget: &budget)
        case .rangeListIndex(let index):
            // The offsets table holds, per index, an offset counted from the table's start.
            let size = UInt64(unit.encoding.offsetSize)
            let (scaled, o1) = index.multipliedReportingOverflow(by: size)
            let (slot, o2) = unit.rangeListsBase.addingReportingOverflow(scaled)
            guard !o1, !o2 else { throw Malformed() }
            var table = try rangeLists.reader(at: slot)
            let relative = try table.unsigned(size: unit.encoding.offsetSize)
            let (offset, o3) = unit.rangeListsBase.addingReportingOverflow(relative)
            guard !o3 else { throw Malformed() }
            return try rangesV5(rangeLists.reader(at: offset), unit: unit, budget: &budget)
        default:
            throw Malformed()
        }
    }

    /// DWARF 4: pairs of addresses relative to the base, a (max, address) pair changing the base,
    /// and (0, 0) ending the list.
    private func rangesV4(_ list: DWARFReader, unit: UnitContext, budget: inout Int) throws -> [Range<UInt64>] {
        var r = list
        let size = unit.encoding.addressSize
        let baseSelector: UInt64 = size == 8 ? .max : (1 << (UInt64(size) * 8)) - 1
        var base = unit.baseAddress
        var out: [Range<UInt64>] = []
        while true {
            budget -= 1
            guard budget > 0 else { throw Malformed() }
            let start = try r.unsigned(size: size)
            let end = try r.unsigned(size: size)
            if start == 0, end == 0 { return out }
            if start == baseSelector { base = end; continue }
            Self.append(base &+ start, base &+ end, to: &out)
        }
    }

    /// DWARF 5: typed entries (DW_RLE_*), some through `.debug_addr`, ending at end_of_list.
    private func rangesV5(_ list: DWARFReader, unit: UnitContext, budget: inout Int) throws -> [Range<UInt64>] {
        var r = list
        let size = unit.encoding.addressSize
        var base = unit.baseAddress
        var out: [Range<UInt64>] = []
        while true {
            budget -= 1
            guard budget > 0 else { throw Malformed() }
            switch try r.u8() {
            case 0: return out // end_of_list
            case 1: base = try address(atIndex: r.uleb(), unit: unit) // base_addressx
            case 2: // startx_endx
                let start = try address(atIndex: r.uleb(), unit: unit)
                Self.append(start, try address(atIndex: r.uleb(), unit: unit), to: &out)
            case 3: // startx_length
                let start = try address(atIndex: r.uleb(), unit: unit)
                Self.append(start, start &+ (try r.uleb()), to: &out)
            case 4: // offset_pair
                let start = try r.uleb()
                Self.append(base &+ start, base &+ (try r.uleb()), to: &out)
            case 5: base = try r.unsigned(size: size) // base_address
            case 6: // start_end
                let start = try r.unsigned(size: size)
                Self.append(start, try r.unsigned(size: size), to: &out)
            case 7: // start_length
                let start = try r.unsigned(size: size)
                Self.append(start, start &+ (try r.uleb()), to: &out)
            default:
                throw Malformed()
            }
        }
    }

    /// Empty or backwards ranges (a damaged entry, or code the linker dropped) cover nothing.
    private static func append(_ start: UInt64, _ end: UInt64, to out: inout [Range<UInt64>]) {
        if start < end { out.append(start..<end) }
    }
}
