/// One Segment Lookaside Buffer entry, kept as the two register images `slbmte` writes.
///
/// `esidWord` is RB without the slot index (ESID and V); `vsidWord` is RS (B, VSID and the flag
/// bits). Storing the images rather than decoded fields makes `slbmfee`/`slbmfev` exact and keeps
/// the encoding in one place.
public struct SLBEntry: Hashable, Sendable, CustomStringConvertible {
    /// RB bits 0:36 as stored: ESID and V.
    public let esidWord: UInt64
    /// RS as stored: B, VSID, Ks, Kp, N, L, C, LP.
    public let vsidWord: UInt64

    // MARK: - ISA fields of the ESID word (RB)

    /// RB bits 0:35, ESID: the effective segment ID, left-aligned as in the effective address.
    public static let esidMask: UInt64 = 0xFFFF_FFFF_F000_0000
    /// RB bit 36, V: the entry is valid.
    public static let validBit: UInt64 = 0x0000_0000_0800_0000
    /// RB bits 37:51: reserved; `slbmte` refuses them set.
    public static let rbReservedMask: UInt64 = 0x0000_0000_07FF_F000
    /// RB bits 52:63: the SLB slot `slbmte` writes. Not part of the entry.
    public static let slotMask: UInt64 = 0xFFF

    // MARK: - ISA fields of the VSID word (RS)

    /// RS bits 0:1, B: the segment size.
    public static let segmentSizeMask: UInt64 = 0xC000_0000_0000_0000
    /// RS bits 2:51, VSID (256 MB segments; 1 TB segments use bits 2:39).
    public static let vsidMask: UInt64 = 0x3FFF_FFFF_FFFF_F000
    /// Bit position of the VSID's least significant bit in RS for 256 MB segments.
    public static let vsidShift: UInt64 = 12
    /// Bit position of the VSID's least significant bit in RS for 1 TB segments.
    public static let vsidShift1T: UInt64 = 24
    /// RS bits 52:56 and 58:59: Ks, Kp, N, L, C and LP (see `Flags` and `pageSizeEncodingMask`).
    public static let flagsMask: UInt64 = 0xFB0
    /// RS bits 55 and 58:59, L||LP: the base page size of the segment.
    public static let pageSizeEncodingMask: UInt64 = 0x130
    /// RS bits 57 and 60:63: reserved; `slbmte` refuses them set.
    public static let rsReservedMask: UInt64 = 0x04F

    /// The one-bit flags of the VSID word (RS bits 52:56).
    public struct Flags: OptionSet, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }

        /// RS bit 52, Ks: the key used in supervisor state (MSR[PR] = 0).
        public static let ks = Flags(rawValue: 0x800)
        /// RS bit 53, Kp: the key used in problem state (MSR[PR] = 1).
        public static let kp = Flags(rawValue: 0x400)
        /// RS bit 54, N: no instruction fetch from this segment.
        public static let noExecute = Flags(rawValue: 0x200)
        /// RS bit 55, L: large base pages; LP (bits 58:59) says which size.
        public static let large = Flags(rawValue: 0x100)
        /// RS bit 56, C: the class, which `slbie`/`slbia` use to filter lookaside invalidation.
        /// Linux and AIX set it on user segments.
        public static let segmentClass = Flags(rawValue: 0x080)

        /// Linux's and AIX's kernel segments: key 0 in supervisor state, key 1 for user code.
        public static let kernel: Flags = [.kp]
        /// User segments: key 1 in both states, class 1.
        public static let user: Flags = [.ks, .kp, .segmentClass]

        public var description: String {
            let names: [(Flags, String)] = [(.ks, "Ks"), (.kp, "Kp"), (.noExecute, "N"), (.large, "L"), (.segmentClass, "C")]
            let set = names.filter { contains($0.0) }.map(\.1)
            return set.isEmpty ? "-" : set.joined(separator: "|")
        }
    }

    /// The base page shift L||LP (RS bits 55, 58:59) selects, nil for an encoding the ISA leaves
    /// undefined. A switch, not a table: every translation miss asks.
    @inline(__always)
    public static func basePageShift(forEncoding encoding: UInt64) -> UInt64? {
        switch encoding {
        case 0x000: 12  // 4 KB
        case 0x100: 24  // 16 MB
        case 0x110: 16  // 64 KB
        case 0x120: 34  // 16 GB
        default: nil
        }
    }

    // MARK: - Creating entries

    /// An entry with V = 0, as every slot starts.
    public static let invalid = SLBEntry(esidWord: 0, vsidWord: 0)

    private init(esidWord: UInt64, vsidWord: UInt64) {
        self.esidWord = esidWord
        self.vsidWord = vsidWord
    }

    /// A valid entry mapping segment `esid` (the EA's segment number, `EA >> segmentSize.shift`)
    /// to `vsid`, with 4 KB base pages unless `flags` contain `.large` and `largePageEncoding`
    /// selects another size.
    public init(
        esid: UInt64,
        vsid: UInt64,
        segmentSize: SegmentSize = .megabytes256,
        flags: Flags,
        largePageEncoding: UInt64 = 0
    ) {
        precondition(esid >> (64 - segmentSize.shift) == 0, "ESID wider than the segment size allows")
        precondition(vsid >> segmentSize.vsidBits == 0, "VSID wider than the segment size allows")
        precondition(largePageEncoding & ~0x030 == 0, "LP is two bits at RS 58:59")
        let vsidShift = segmentSize == .megabytes256 ? Self.vsidShift : Self.vsidShift1T
        self.esidWord = esid << segmentSize.shift | Self.validBit
        self.vsidWord = segmentSize.rawValue << 62 | vsid << vsidShift | flags.rawValue | largePageEncoding
        precondition(basePageShift != nil, "unknown L||LP page-size encoding")
    }

    /// Decodes `slbmte RS,RB` operands into a slot and an entry, checking what the instruction
    /// checks. A slot beyond `slotCount` is refused too.
    public static func decode(rs: UInt64, rb: UInt64, slotCount: Int) -> Result<(slot: Int, entry: SLBEntry), SLBStoreError> {
        let slot = Int(rb & slotMask)
        guard slot < slotCount else { return .failure(.slotOutOfRange(slot)) }
        guard rb & rbReservedMask == 0 else { return .failure(.reservedBitsSet) }
        guard rs & rsReservedMask == 0 else { return .failure(.reservedBitsSet) }
        guard let size = SegmentSize(rawValue: rs >> 62) else { return .failure(.reservedSegmentSize) }
        guard basePageShift(forEncoding: rs & pageSizeEncodingMask) != nil else {
            return .failure(.unknownPageSize(rs & pageSizeEncodingMask))
        }
        // A 1 TB segment has a shorter ESID; bits beyond it would make the entry unmatchable.
        guard rb & esidMask & ~size.esidMask == 0 else { return .failure(.reservedBitsSet) }
        return .success((slot, SLBEntry(esidWord: rb & (esidMask | validBit), vsidWord: rs)))
    }

    /// The `slbmte` operands that store this entry in `slot`.
    public func slbmteOperands(slot: Int) -> (rs: UInt64, rb: UInt64) {
        precondition(slot >= 0 && UInt64(slot) <= Self.slotMask, "slot does not fit RB[52:63]")
        return (vsidWord, esidWord | UInt64(slot))
    }

    // MARK: - Fields

    /// V: the entry translates.
    public var isValid: Bool { esidWord & Self.validBit != 0 }

    /// B. Entries are only made through checked paths, so B is never the reserved 1x.
    @inline(__always)
    public var segmentSize: SegmentSize { vsidWord >> 62 == SegmentSize.terabyte1.rawValue ? .terabyte1 : .megabytes256 }

    /// The effective segment number: the EA bits above the segment offset.
    public var esid: UInt64 { (esidWord & Self.esidMask) >> segmentSize.shift }

    /// The virtual segment ID.
    public var vsid: UInt64 {
        let shift = segmentSize == .megabytes256 ? Self.vsidShift : Self.vsidShift1T
        return (vsidWord & Self.vsidMask) >> shift
    }

    /// Ks, Kp, N, L and C.
    public var flags: Flags { Flags(rawValue: vsidWord & Flags.all) }

    /// The base page shift selected by L||LP (12 for 4 KB), nil for an unknown encoding.
    public var basePageShift: UInt64? { Self.basePageShift(forEncoding: vsidWord & Self.pageSizeEncodingMask) }

    /// The segment key for code in `privilege`: Ks in supervisor state, Kp in problem state.
    @inline(__always)
    public func key(for privilege: Privilege) -> ProtectionKey {
        let bit: Flags = privilege == .supervisor ? .ks : .kp
        return flags.contains(bit) ? .key1 : .key0
    }

    // MARK: - Translation

    /// Whether this entry translates `ea`: valid, and the ESID equals the EA's segment bits for
    /// this entry's segment size.
    @inline(__always)
    public func matches(_ ea: EffectiveAddress) -> Bool {
        esidWord == (ea.rawValue & segmentSize.esidMask) | Self.validBit
    }

    /// The virtual address of `ea`, which this entry must match: VSID || offset in the segment.
    @inline(__always)
    public func virtualAddress(of ea: EffectiveAddress) -> VirtualAddress {
        precondition(matches(ea), "\(ea) is not in this segment")
        return virtualAddress(ofMatched: ea)
    }

    /// `virtualAddress(of:)` for an `ea` the SLB search has just matched to this entry. The VSID
    /// and offset are masked out of checked words, so they always fit the segment size.
    @inline(__always)
    func virtualAddress(ofMatched ea: EffectiveAddress) -> VirtualAddress {
        let size = segmentSize
        return VirtualAddress(unchecked: vsid, segmentOffset: ea.rawValue & (size.bytes - 1), segmentSize: size)
    }

    public var description: String {
        guard isValid else { return "invalid" }
        return "ESID 0x\(String(esid, radix: 16, uppercase: true)) \(segmentSize) "
            + "VSID 0x\(String(vsid, radix: 16, uppercase: true)) \(flags)"
    }
}

extension SLBEntry.Flags {
    /// Every flag bit.
    static let all: UInt64 = 0xF80
}
