/// The segment size of an SLB entry or PTE: the two-bit B field.
public enum SegmentSize: UInt64, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// B = 00: 256 MB segments, the only size AIX 5L uses.
    case megabytes256 = 0b00
    /// B = 01: 1 TB segments (ISA 2.03 and later).
    case terabyte1 = 0b01

    /// The number of effective-address bits inside the segment: 28 or 40.
    public var shift: UInt64 {
        switch self {
        case .megabytes256: 28
        case .terabyte1: 40
        }
    }

    /// The segment size in bytes.
    public var bytes: UInt64 { 1 << shift }

    /// Mask of the effective-address bits that name the segment (the ESID bits).
    public var esidMask: UInt64 { ~(bytes - 1) }

    /// Width of the VSID in an SLB entry: 50 bits for 256 MB segments, 38 for 1 TB ones, so that
    /// VSID || offset is always a 78-bit virtual address.
    public var vsidBits: UInt64 { 78 - shift }

    public var description: String {
        switch self {
        case .megabytes256: "256M"
        case .terabyte1: "1T"
        }
    }
}
