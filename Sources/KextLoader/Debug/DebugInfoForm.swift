/// How one attribute value of a `.debug_info` entry is encoded (a DWARF `DW_FORM_*` code),
/// and what the inlined-call-site walk keeps of it.
///
/// Every standard form of DWARF 2 to 5 (and the GNU split-DWARF ones) is sized here, because
/// a single form skipped by the wrong number of bytes would desynchronise the rest of the unit;
/// a form this reader does not know makes the unit unreadable instead.
enum DebugInfoValue {
    /// DW_FORM_addr: an address as the object was linked.
    case address(UInt64)
    /// DW_FORM_addrx*: an index into the unit's `.debug_addr` entries.
    case addressIndex(UInt64)
    /// The constant classes (data, udata, sdata, implicit_const) as an unsigned value.
    case constant(UInt64)
    /// DW_FORM_sec_offset: an offset into another section (line program, range list).
    case sectionOffset(UInt64)
    /// DW_FORM_rnglistx: an index into the unit's `.debug_rnglists` offsets table.
    case rangeListIndex(UInt64)
    /// Anything the walk does not use (strings, blocks, references, flags).
    case other

    /// What a unit's header says about the width of its values.
    struct Encoding {
        let version: UInt16
        /// 4 for 32-bit DWARF, 8 for 64-bit.
        let offsetSize: Int
        let addressSize: Int
    }

    struct UnknownForm: Error {}

    /// Reads one value of `form`. `implicitConstant` is the value an abbreviation stores for
    /// DW_FORM_implicit_const, which takes no bytes in the entry itself.
    static func read(_ form: UInt64, from r: inout DWARFReader, encoding: Encoding,
                     implicitConstant: Int64 = 0, indirections: Int = 0) throws -> DebugInfoValue
    {
        switch form {
        case 0x01: return .address(try r.unsigned(size: encoding.addressSize)) // addr
        case 0x03: try r.skip(try r.unsigned(size: 2)); return .other // block2
        case 0x04: try r.skip(try r.unsigned(size: 4)); return .other // block4
        case 0x05: return .constant(try r.unsigned(size: 2)) // data2
        case 0x06: return .constant(try r.unsigned(size: 4)) // data4
        case 0x07: return .constant(try r.unsigned(size: 8)) // data8
        case 0x08: _ = try r.cString(); return .other // string
        case 0x09, 0x18: try r.skip(try r.uleb()); return .other // block, exprloc
        case 0x0A: try r.skip(try r.unsigned(size: 1)); return .other // block1
        case 0x0B: return .constant(try r.unsigned(size: 1)) // data1
        case 0x0C, 0x11: try r.skip(1); return .other // flag, ref1
        case 0x0D: return .constant(UInt64(bitPattern: try r.sleb())) // sdata
        case 0x0F: return .constant(try r.uleb()) // udata
        // ref_addr was address-sized in DWARF 2 and offset-sized after.
        case 0x10: try r.skip(UInt64(encoding.version <= 2 ? encoding.addressSize : encoding.offsetSize)); return .other
        case 0x12: try r.skip(2); return .other // ref2
        case 0x13, 0x1C: try r.skip(4); return .other // ref4, ref_sup4
        case 0x14, 0x20, 0x24: try r.skip(8); return .other // ref8, ref_sig8, ref_sup8
        case 0x15, 0x1A, 0x22: _ = try r.uleb(); return .other // ref_udata, strx, loclistx
        case 0x16: // indirect: the form itself comes first; one level is all a real producer uses
            guard indirections == 0 else { throw UnknownForm() }
            let actual = try r.uleb()
            guard actual != 0x21 else { throw UnknownForm() } // implicit_const has no value here
            return try read(actual, from: &r, encoding: encoding, indirections: indirections + 1)
        case 0x17: return .sectionOffset(try r.unsigned(size: encoding.offsetSize)) // sec_offset
        // strp, strp_sup, line_strp, GNU_ref_alt, GNU_strp_alt
        case 0x0E, 0x1D, 0x1F, 0x1F20, 0x1F21: try r.skip(UInt64(encoding.offsetSize)); return .other
        case 0x19: return .other // flag_present
        case 0x1B, 0x1F01: return .addressIndex(try r.uleb()) // addrx, GNU_addr_index
        case 0x1E: try r.skip(16); return .other // data16
        case 0x21: return .constant(UInt64(bitPattern: implicitConstant)) // implicit_const
        case 0x23: return .rangeListIndex(try r.uleb()) // rnglistx
        case 0x25: try r.skip(1); return .other // strx1
        case 0x26: try r.skip(2); return .other // strx2
        case 0x27: try r.skip(3); return .other // strx3
        case 0x28: try r.skip(4); return .other // strx4
        case 0x29...0x2C: return .addressIndex(try r.unsigned(size: Int(form - 0x28))) // addrx1…4
        case 0x1F02: _ = try r.uleb(); return .other // GNU_str_index
        default: throw UnknownForm()
        }
    }
}
