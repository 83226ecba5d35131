/// The hash functions that pick a PTEG for a virtual page.
///
/// Hashes are returned unmasked to the hash width; the page table masks them down to its own size
/// (`SDR1.ptegIndex(forHash:)`).
public enum PageTableHash {
    /// Width of the 64-bit hash, in bits.
    public static let width64: UInt64 = 39
    /// Width of the 32-bit (classic) hash, in bits.
    public static let widthClassic: UInt64 = 19

    private static let mask64: UInt64 = (1 << width64) - 1
    private static let maskClassic: UInt32 = (1 << widthClassic) - 1

    /// The 64-bit primary hash of page `pageIndex` (the offset in the segment over the page size)
    /// of segment `vsid`.
    ///
    /// 1 TB segments have few VSID bits per page-index bit, so the VSID is folded in twice to
    /// spread segments across the table.
    public static func primary(vsid: UInt64, pageIndex: UInt64, segmentSize: SegmentSize) -> UInt64 {
        switch segmentSize {
        case .megabytes256: (vsid & mask64) ^ pageIndex
        case .terabyte1: (vsid ^ (vsid << 25) ^ pageIndex) & mask64
        }
    }

    /// The hash `function` gives for a page whose primary hash is `primary`.
    public static func hash(_ function: HashFunction, primary: UInt64) -> UInt64 {
        switch function {
        case .primary: primary & mask64
        case .secondary: ~primary & mask64
        }
    }

    /// The 32-bit primary hash: the low 19 VSID bits XOR the 16-bit page index.
    public static func primaryClassic(vsid: UInt32, pageIndex: UInt32) -> UInt32 {
        (vsid & maskClassic) ^ (pageIndex & 0xFFFF)
    }

    /// The 32-bit hash `function` gives for a page whose primary hash is `primary`.
    public static func hashClassic(_ function: HashFunction, primary: UInt32) -> UInt32 {
        switch function {
        case .primary: primary & maskClassic
        case .secondary: ~primary & maskClassic
        }
    }
}
