/// A 64-bit hashed page table entry: two big-endian doublewords, in the pre-ISA-3.0 layout that
/// POWER4 through POWER8 use.
///
/// Doubleword 0 says which virtual page the entry maps (and whether it is valid); doubleword 1
/// says where it goes and how it may be used. The hardware reads dw0 first, so an entry becomes
/// visible only when V is set.
public struct PageTableEntry: Hashable, Sendable, CustomStringConvertible {
    public var dw0: UInt64
    public var dw1: UInt64

    public init(dw0: UInt64, dw1: UInt64) {
        self.dw0 = dw0
        self.dw1 = dw1
    }

    /// A PTE takes 16 bytes.
    public static let bytes: UInt64 = 16
    /// An empty slot.
    public static let empty = PageTableEntry(dw0: 0, dw1: 0)

    /// The ISA fields of doubleword 0.
    public enum DW0 {
        /// dw0 bits 0:1, B: the segment size, which must equal the SLB entry's.
        public static let segmentSize: UInt64 = 0xC000_0000_0000_0000
        /// dw0 bits 2:56, AVPN: the abbreviated virtual page number, VA[0:54].
        public static let avpn: UInt64 = 0x3FFF_FFFF_FFFF_FF80
        /// Bit position of the AVPN's least significant bit.
        public static let avpnShift: UInt64 = 7
        /// dw0 bits 57:60, SW: free for software; the hardware ignores it.
        public static let software: UInt64 = 0x78
        /// dw0 bit 61, L: a large page.
        public static let large: UInt64 = 0x04
        /// dw0 bit 62, H: placed by the secondary hash.
        public static let secondaryHash: UInt64 = 0x02
        /// dw0 bit 63, V: valid.
        public static let valid: UInt64 = 0x01
        /// The bits a search compares: B, AVPN, H and V. SW and L are left out; L is checked
        /// separately against the segment's page size.
        public static let compareMask: UInt64 = 0xFFFF_FFFF_FFFF_FF83
    }

    /// The ISA fields of doubleword 1.
    public enum DW1 {
        /// dw1 bit 0, PP0: the page-protection extension bit (reserved on POWER4).
        public static let pp0: UInt64 = 0x8000_0000_0000_0000
        /// dw1 bit 1, TS: tag set (later ISAs). aixsim leaves it clear.
        public static let tagSet: UInt64 = 0x4000_0000_0000_0000
        /// dw1 bits 2:3, KEY[0:1]: the high bits of the five-bit storage key.
        public static let keyHigh: UInt64 = 0x3000_0000_0000_0000
        /// dw1 bits 4:51, RPN: the real page number, as a page-aligned real address.
        public static let realPage: UInt64 = 0x0FFF_FFFF_FFFF_F000
        /// dw1 bits 52:54, KEY[2:4]: the low bits of the storage key (bit 54 was AC on older
        /// processors).
        public static let keyLow: UInt64 = 0x0E00
        /// dw1 bit 55, R: referenced. Set by the MMU on any translated access.
        public static let referenced: UInt64 = 0x0100
        /// dw1 bit 56, C: changed. Set by the MMU on a permitted store.
        public static let changed: UInt64 = 0x0080
        /// dw1 bits 57:60, WIMG: storage attributes (`StorageAttributes`).
        public static let attributes: UInt64 = 0x0078
        /// Bit position of WIMG's least significant bit (G).
        public static let attributesShift: UInt64 = 3
        /// dw1 bit 61, N: no instruction fetch from this page.
        public static let noExecute: UInt64 = 0x0004
        /// dw1 bits 62:63, PP: page protection.
        public static let pp: UInt64 = 0x0003
    }

    /// Software bits (dw0 SW) aixsim gives a meaning to.
    public struct Software: OptionSet, Hashable, Sendable {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue & DW0.software }

        /// The entry must never be evicted to make room: the page backs code or data that the
        /// fault path itself needs (aixsim's convention; the same bit Linux uses).
        public static let bolted = Software(rawValue: 0x10)
    }

    /// Whether a page may be fetched from (the PTE's N bit).
    public enum Execution: Hashable, Sendable {
        case allowed
        case forbidden
    }

    // MARK: - Encoding

    /// An entry mapping the 4 KB page of `virtualAddress` to the real page at `realAddress`.
    ///
    /// - Parameters:
    ///   - hash: which hash group the entry will sit in (the H bit); `HashedPageTable.insert` sets it.
    ///   - storageKey: the five-bit class checked against the AMR; 0 on processors without keys.
    public init(
        mapping virtualAddress: VirtualAddress,
        to realAddress: UInt64,
        protection: PageProtection,
        attributes: StorageAttributes = .memory,
        execution: Execution = .allowed,
        storageKey: UInt8 = 0,
        software: Software = [],
        hash: HashFunction = .primary
    ) {
        precondition(realAddress & ~DW1.realPage == 0, "the real address must be a page-aligned address within RPN")
        precondition(storageKey < 32, "storage keys are five bits")
        dw0 = Self.searchWord(for: virtualAddress, hash: hash) | software.rawValue
        let key = UInt64(storageKey)
        dw1 = UInt64(protection.pp0) << 63 | (key >> 3) << 60 | realAddress | (key & 7) << 9
            | UInt64(attributes.rawValue) << DW1.attributesShift
            | (execution == .forbidden ? DW1.noExecute : 0) | UInt64(protection.pp)
    }

    /// The dw0 a valid entry for `virtualAddress` placed by `hash` has in its compared bits: what
    /// a search looks for.
    @inline(__always)
    public static func searchWord(for virtualAddress: VirtualAddress, hash: HashFunction) -> UInt64 {
        virtualAddress.segmentSize.rawValue << 62 | virtualAddress.avpn << DW0.avpnShift
            | hash.rawValue << 1 | DW0.valid
    }

    /// Whether this entry is the one a search for `searchWord` wants.
    public func matches(searchWord: UInt64) -> Bool {
        (dw0 ^ searchWord) & DW0.compareMask == 0
    }

    /// `matches(searchWord:)` for a 4 KB page: an entry with L set belongs to another page size
    /// and never matches. One compare, since a search word's L bit is always clear.
    @inline(__always)
    public func matchesBasePage(searchWord: UInt64) -> Bool {
        (dw0 ^ searchWord) & (DW0.compareMask | DW0.large) == 0
    }

    // MARK: - Fields of dw0

    public var isValid: Bool { dw0 & DW0.valid != 0 }
    public var hashFunction: HashFunction { dw0 & DW0.secondaryHash != 0 ? .secondary : .primary }
    public var segmentSize: SegmentSize? { SegmentSize(rawValue: dw0 >> 62) }
    public var avpn: UInt64 { (dw0 & DW0.avpn) >> DW0.avpnShift }
    public var software: Software { Software(rawValue: dw0) }
    public var isLarge: Bool { dw0 & DW0.large != 0 }

    // MARK: - Fields of dw1

    /// The page-aligned real address the entry maps to.
    public var realPageAddress: UInt64 { dw1 & DW1.realPage }
    public var protection: PageProtection {
        PageProtection(rawValue: UInt8(dw1 >> 63) << 2 | UInt8(dw1 & DW1.pp))
    }
    /// The five-bit storage key, KEY[0:1] || KEY[2:4].
    public var storageKey: UInt8 { UInt8((dw1 & DW1.keyHigh) >> 57 | (dw1 & DW1.keyLow) >> 9) }
    public var attributes: StorageAttributes {
        StorageAttributes(rawValue: UInt8((dw1 & DW1.attributes) >> DW1.attributesShift))
    }
    public var isNoExecute: Bool { dw1 & DW1.noExecute != 0 }
    public var isReferenced: Bool { dw1 & DW1.referenced != 0 }
    public var isChanged: Bool { dw1 & DW1.changed != 0 }

    // MARK: - Updates

    /// Sets R, as the MMU does on every translated access through the entry.
    public mutating func setReferenced() { dw1 |= DW1.referenced }
    /// Sets C, as the MMU does on a permitted store.
    public mutating func setChanged() { dw1 |= DW1.changed }
    /// Clears R and C, as the VMM does when it samples them for page replacement.
    public mutating func clearReferencedAndChanged() { dw1 &= ~(DW1.referenced | DW1.changed) }
    /// Replaces PP0 and PP.
    public mutating func setProtection(_ protection: PageProtection) {
        dw1 = dw1 & ~(DW1.pp0 | DW1.pp) | UInt64(protection.pp0) << 63 | UInt64(protection.pp)
    }

    /// dw1 without R and C: what must be unchanged for a cached translation to still hold.
    var authorityBits: UInt64 { dw1 & ~(DW1.referenced | DW1.changed) }

    public var description: String {
        guard isValid else { return "invalid" }
        return "AVPN 0x\(String(avpn, radix: 16, uppercase: true)) \(hashFunction) "
            + "RPN 0x\(String(realPageAddress, radix: 16, uppercase: true)) \(protection) \(attributes)"
            + (isNoExecute ? " N" : "") + (isReferenced ? " R" : "") + (isChanged ? " C" : "")
            + (storageKey != 0 ? " key \(storageKey)" : "")
    }
}
