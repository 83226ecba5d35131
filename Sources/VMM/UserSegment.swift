import PowerArch

/// The simulated user process's data segment as the MMU sees it: one 256 MB segment at the
/// 64-bit process's program-data ESID, with a VSID of its own, an SLB entry with the user
/// segments' keys, and a real frame for each page the process has mapped.
///
/// Keys: a user segment has Ks = Kp = 1 (and class C = 1), so supervisor and problem state both
/// use key 1 there; the process's data pages are PP 10 (`UDATAKEY`), read/write under key 1.
/// A kernel page (PP 00) reached through the user segment would therefore refuse the kernel too,
/// which is the point of the keys.
///
/// VSID: AIX derives a process segment's VSID from a segment ID it allocates; aixsim gives the
/// data segment `vsid`, well apart from the galloc heap's (`GlobalSegments.firstVSID`).
/// Frames: the process's pages are always resident; their real addresses lie past the kernel's
/// simulated real memory and the page table, so they never share a frame with the heap.
public struct UserSegment: Sendable {
    /// Segment 0x11: where a 64-bit AIX process's program data (its heap) starts, EA 0x1_1000_0000.
    public static let dataESID: UInt64 = 0x11
    public static let vsid: UInt64 = 0x4_0011
    /// The PP of the process's data pages: read/write under either key.
    public static let dataProtection = PageProtection.readWrite

    public let entry: SLBEntry
    /// Real address of the segment's page 0.
    public let realBase: UInt64
    /// Pages the segment's host reservation holds (the most the process can map).
    public let pages: Int

    public init(realBase: UInt64, pages: Int) {
        entry = SLBEntry(esid: Self.dataESID, vsid: Self.vsid, flags: .user)
        self.realBase = realBase
        self.pages = pages
    }

    public var start: EffectiveAddress { EffectiveAddress(Self.dataESID << Segment.shift) }

    /// Whether `ea` lies in the part of the segment the reservation backs.
    public func contains(_ ea: EffectiveAddress) -> Bool {
        ea.esid == Self.dataESID && ea.segmentOffset >> PageSize.shift < UInt64(pages)
    }

    func virtualAddress(ofPage page: Int) -> VirtualAddress {
        VirtualAddress(vsid: Self.vsid, segmentOffset: UInt64(page) << PageSize.shift)
    }
}

/// A page of the user segment that has a PTE, for inspection.
public struct UserPageEntry: Sendable {
    public let page: Int
    public let entry: PageTableEntry
}
