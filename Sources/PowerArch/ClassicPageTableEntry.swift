/// A 32-bit (classic PowerPC) PTE: two words.
///
/// Present for the 32-bit worked examples and for reports that show classic encodings; the 64-bit
/// kernel translates through `PageTableEntry`.
public struct ClassicPageTableEntry: Hashable, Sendable {
    public var word0: UInt32
    public var word1: UInt32

    public init(word0: UInt32, word1: UInt32) {
        self.word0 = word0
        self.word1 = word1
    }

    /// The ISA fields of word 0.
    public enum Word0 {
        /// w0 bit 0, V: valid.
        public static let valid: UInt32 = 0x8000_0000
        /// w0 bits 1:24, VSID.
        public static let vsid: UInt32 = 0x7FFF_FF80
        /// w0 bit 25, H: placed by the secondary hash.
        public static let secondaryHash: UInt32 = 0x40
        /// w0 bits 26:31, API: EA[4:9], the top six page-index bits.
        public static let api: UInt32 = 0x3F
        /// The bits a search compares: V, VSID, H and API.
        public static let compareMask: UInt32 = 0xFFFF_FFFF
    }

    /// The ISA fields of word 1.
    public enum Word1 {
        /// w1 bits 0:19, RPN.
        public static let realPage: UInt32 = 0xFFFF_F000
        /// w1 bit 23, R: referenced.
        public static let referenced: UInt32 = 0x100
        /// w1 bit 24, C: changed.
        public static let changed: UInt32 = 0x080
        /// w1 bits 25:28, WIMG.
        public static let attributes: UInt32 = 0x078
        /// w1 bits 30:31, PP.
        public static let pp: UInt32 = 0x003
    }

    /// An entry mapping the 4 KB page of `ea` in segment `segment` to `realAddress`.
    public init(
        mapping ea: UInt32,
        in segment: SegmentRegister,
        to realAddress: UInt32,
        protection: PageProtection,
        attributes: StorageAttributes = .memory,
        hash: HashFunction = .primary
    ) {
        precondition(protection.pp0 == 0, "the 32-bit PTE has no PP0")
        precondition(realAddress & ~Word1.realPage == 0, "the real address must be page-aligned")
        word0 = Word0.valid | segment.vsid << 7 | (hash == .secondary ? Word0.secondaryHash : 0)
            | (ea >> 22) & Word0.api
        word1 = realAddress | UInt32(attributes.rawValue) << 3 | UInt32(protection.pp)
    }

    public var isValid: Bool { word0 & Word0.valid != 0 }
    public var vsid: UInt32 { (word0 & Word0.vsid) >> 7 }
    public var api: UInt32 { word0 & Word0.api }
    public var hashFunction: HashFunction { word0 & Word0.secondaryHash != 0 ? .secondary : .primary }
    public var realPageAddress: UInt32 { word1 & Word1.realPage }
    public var protection: PageProtection { PageProtection(rawValue: UInt8(word1 & Word1.pp)) }
}
