/// A virtual address of the 64-bit MMU: VSID || offset in the segment, 78 bits.
///
/// Too wide for a `UInt64`, so it is kept as its two parts; only the description joins them.
public struct VirtualAddress: Hashable, Sendable, CustomStringConvertible {
    /// The virtual segment ID.
    public let vsid: UInt64
    /// The size of the segment, which fixes how many bits the offset has.
    public let segmentSize: SegmentSize
    /// The byte offset inside the segment (28 or 40 bits).
    public let segmentOffset: UInt64

    @inline(__always)
    public init(vsid: UInt64, segmentOffset: UInt64, segmentSize: SegmentSize = .megabytes256) {
        precondition(vsid >> segmentSize.vsidBits == 0, "VSID \(vsid) is wider than a \(segmentSize) segment allows")
        precondition(segmentOffset < segmentSize.bytes, "offset lies outside the segment")
        self.vsid = vsid
        self.segmentOffset = segmentOffset
        self.segmentSize = segmentSize
    }

    /// The page index inside the segment for 4 KB pages; for 256 MB segments, EA[36:51].
    /// For parts already known to fit (masked out of a checked SLB entry or address), which the
    /// translation-miss path builds on every miss.
    @inline(__always)
    init(unchecked vsid: UInt64, segmentOffset: UInt64, segmentSize: SegmentSize) {
        self.vsid = vsid
        self.segmentOffset = segmentOffset
        self.segmentSize = segmentSize
    }

    public var pageIndex: UInt64 { segmentOffset >> PageSize.shift }

    /// The byte offset inside the 4 KB page.
    public var pageOffset: UInt64 { segmentOffset & (PageSize.bytes - 1) }

    /// The address of the first byte of the page.
    @inline(__always)
    public var pageBase: VirtualAddress {
        VirtualAddress(unchecked: vsid, segmentOffset: segmentOffset & ~(PageSize.bytes - 1), segmentSize: segmentSize)
    }

    /// The abbreviated virtual page number, VA[0:54]: what PTE dword 0 holds of the address. The
    /// hash supplies the page-index bits it leaves out.
    public var avpn: UInt64 {
        vsid << (segmentSize.shift - Self.avpnShift) | segmentOffset >> Self.avpnShift
    }

    /// The abbreviated page index, EA[36:40] for a 256 MB segment: the page-index bits in the AVPN.
    public var api: UInt64 { segmentOffset >> Self.avpnShift }

    /// VA bits below the AVPN.
    static let avpnShift: UInt64 = 23

    /// The primary hash of the 4 KB page.
    public var primaryHash: UInt64 {
        PageTableHash.primary(vsid: vsid, pageIndex: pageIndex, segmentSize: segmentSize)
    }

    /// The virtual address as one hex number, e.g. `0x123456789A6543210`.
    public var description: String {
        let high = vsid >> (64 - segmentSize.shift)
        let low = vsid << segmentSize.shift | segmentOffset
        let lowHex = String(low, radix: 16, uppercase: true)
        guard high != 0 else { return "0x" + lowHex }
        return "0x" + String(high, radix: 16, uppercase: true)
            + String(repeating: "0", count: 16 - lowHex.count) + lowHex
    }
}

extension VirtualAddress {
    /// The address `bytes` further on in the same segment.
    public func advanced(by bytes: UInt64) -> VirtualAddress {
        VirtualAddress(vsid: vsid, segmentOffset: segmentOffset + bytes, segmentSize: segmentSize)
    }
}
