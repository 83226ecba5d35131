/// The 32-bit (classic PowerPC) SDR1: HTABORG and HTABMASK.
///
/// AIX 5L's 64-bit kernel does not use it; it is here so the 32-bit worked examples can be checked
/// and the two hash layouts compared.
public struct ClassicSDR1: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// SDR1 bits 0:15, HTABORG: the high bits of the table's real address.
    public static let htabOriginMask: UInt32 = 0xFFFF_0000
    /// SDR1 bits 23:31, HTABMASK: how many hash bits above the minimum table size are used.
    public static let htabMaskMask: UInt32 = 0x1FF
    /// Size of one classic PTEG: 8 PTEs of 8 bytes.
    public static let ptegBytes: UInt32 = 64

    public init(htabOrigin: UInt32, htabMask: UInt32) {
        precondition(htabOrigin & ~Self.htabOriginMask == 0, "HTABORG is SDR1 bits 0:15")
        precondition(htabMask & ~Self.htabMaskMask == 0, "HTABMASK is nine bits")
        precondition(htabMask & (htabMask + 1) == 0, "HTABMASK is a run of low ones")
        rawValue = htabOrigin | htabMask
    }

    public var htabOrigin: UInt32 { rawValue & Self.htabOriginMask }
    public var htabMask: UInt32 { rawValue & Self.htabMaskMask }

    /// The table size in bytes: (HTABMASK + 1) × 64 KB.
    public var tableBytes: UInt32 { (htabMask + 1) << 16 }
    /// The number of PTEGs.
    public var ptegCount: UInt32 { tableBytes / Self.ptegBytes }

    /// The real address of the PTEG `hash` selects, as an offset into the aligned table.
    public func ptegAddress(forHash hash: UInt32) -> UInt32 {
        htabOrigin + ((hash &* Self.ptegBytes) & (htabMask << 16 | 0xFFFF))
    }

    /// The same address assembled the way the architecture describes it: HTABORG[0:6] ||
    /// (HTABORG[7:15] | (hash[0:8] & HTABMASK)) || hash[9:18] || 0b000000.
    public func ptegAddressByFields(forHash hash: UInt32) -> UInt32 {
        let high9 = (hash >> 10) & 0x1FF
        let low10 = hash & 0x3FF
        let middle = (htabOrigin >> 16 & 0x1FF) | (high9 & htabMask)
        return (htabOrigin & 0xFE00_0000) | middle << 16 | low10 << 6
    }

    public var description: String {
        "SDR1 HTABORG=0x\(String(htabOrigin, radix: 16, uppercase: true)) HTABMASK=0x\(String(htabMask, radix: 16, uppercase: true))"
    }
}
