/// The 64-bit Storage Description Register 1: where the hashed page table lives and how big it is.
///
/// The table holds 2^(11+HTABSIZE) PTEGs of 128 bytes and is aligned to its own size.
public struct SDR1: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// SDR1 bits 4:45, HTABORG: the real address of the table (the low 18 bits are implied zero).
    public static let htabOriginMask: UInt64 = 0x0FFF_FFFF_FFFC_0000
    /// SDR1 bits 59:63, HTABSIZE: log2 of the PTEG count, less 11.
    public static let htabSizeMask: UInt64 = 0x1F
    /// The largest HTABSIZE that still fits the 39-bit hash (28 + 11 = 39).
    public static let maximumHTABSize: UInt64 = PageTableHash.width64 - 11
    /// Size of one PTEG in bytes: 8 PTEs of 16 bytes.
    public static let ptegBytes: UInt64 = 128
    /// log2 of `ptegBytes`.
    public static let ptegShift: UInt64 = 7

    /// An SDR1 for a table at `htabOrigin` with 2^(11 + `htabSize`) PTEGs.
    public init(htabOrigin: UInt64, htabSize: UInt64) {
        precondition(htabSize <= Self.maximumHTABSize, "HTABSIZE above 28 exceeds the hash width")
        precondition(htabOrigin & ~Self.htabOriginMask == 0, "HTABORG must fit SDR1 bits 4:45")
        let bytes: UInt64 = 1 << (18 + htabSize)
        precondition(htabOrigin & (bytes - 1) == 0, "the page table must be aligned to its size")
        rawValue = htabOrigin | htabSize
    }

    /// An SDR1 for a table of `tableBytes` bytes (a power of two, at least 256 KB) at `htabOrigin`.
    public init(htabOrigin: UInt64, tableBytes: UInt64) {
        precondition(tableBytes >= 1 << 18 && tableBytes & (tableBytes - 1) == 0,
                     "a hashed page table is a power of two of at least 256 KB")
        self.init(htabOrigin: htabOrigin, htabSize: UInt64(tableBytes.trailingZeroBitCount) - 18)
    }

    /// HTABORG: the real address of the table.
    public var htabOrigin: UInt64 { rawValue & Self.htabOriginMask }
    /// HTABSIZE.
    public var htabSize: UInt64 { rawValue & Self.htabSizeMask }

    /// Whether the register is one the MMU can use: HTABSIZE within the hash width and the table
    /// aligned to its size.
    public var isWellFormed: Bool {
        htabSize <= Self.maximumHTABSize && htabOrigin & (tableBytes - 1) == 0
    }

    /// The number of PTEGs.
    public var ptegCount: UInt64 { 1 << (11 + htabSize) }
    /// The mask that turns a hash into a PTEG index.
    public var ptegIndexMask: UInt64 { ptegCount - 1 }
    /// The table's size in bytes.
    public var tableBytes: UInt64 { ptegCount << Self.ptegShift }

    /// The PTEG a hash selects.
    @inline(__always)
    public func ptegIndex(forHash hash: UInt64) -> UInt64 { hash & ptegIndexMask }

    /// The real address of PTEG `ptegIndex`.
    public func ptegAddress(ofGroup ptegIndex: UInt64) -> UInt64 {
        precondition(ptegIndex < ptegCount, "PTEG index beyond the table")
        return htabOrigin + ptegIndex << Self.ptegShift
    }

    /// The real address of the PTE `index`.
    public func pteAddress(of index: PTEIndex) -> UInt64 {
        ptegAddress(ofGroup: index.group) + UInt64(index.slot) * PageTableEntry.bytes
    }

    public var description: String {
        "SDR1 HTABORG=0x\(String(htabOrigin, radix: 16, uppercase: true)) HTABSIZE=\(htabSize)"
    }
}
