/// A completed translation of one effective address.
public struct Translation: Hashable, Sendable, CustomStringConvertible {
    public let effectiveAddress: EffectiveAddress
    /// The real address the access goes to.
    public let realAddress: UInt64
    /// VSID || segment offset; nil in real mode.
    public let virtualAddress: VirtualAddress?
    /// What the page grants at the access's privilege, source by source.
    public let authority: AccessAuthority
    /// The SLB slot that translated the segment; nil in real mode.
    public let slbSlot: Int?
    /// The PTE that translated the page, as it stands after this access's R/C update; nil in real mode.
    public let pageTableEntry: PageTableEntry?
    /// Where it is; nil in real mode.
    public let pteIndex: PTEIndex?
    public let source: Source

    /// How the translation was obtained.
    public enum Source: Hashable, Sendable {
        /// MSR[IR] or MSR[DR] was off.
        case realMode
        /// The SLB and the page table were searched.
        case pageTable
        /// The translation cache answered, after checking its entry against the SLB and table.
        case cache
    }

    /// EA bits that real mode ignores.
    public static let realModeMask: UInt64 = 0x0FFF_FFFF_FFFF_FFFF

    /// The identity translation of real mode.
    public static func realMode(_ ea: EffectiveAddress) -> Translation {
        Translation(effectiveAddress: ea, realAddress: ea.rawValue & realModeMask, virtualAddress: nil,
                    authority: AccessAuthority(pageProtection: .readWrite), slbSlot: nil,
                    pageTableEntry: nil, pteIndex: nil, source: .realMode)
    }

    public init(
        effectiveAddress: EffectiveAddress, realAddress: UInt64, virtualAddress: VirtualAddress?,
        authority: AccessAuthority, slbSlot: Int?, pageTableEntry: PageTableEntry?, pteIndex: PTEIndex?,
        source: Source
    ) {
        self.effectiveAddress = effectiveAddress
        self.realAddress = realAddress
        self.virtualAddress = virtualAddress
        self.authority = authority
        self.slbSlot = slbSlot
        self.pageTableEntry = pageTableEntry
        self.pteIndex = pteIndex
        self.source = source
    }

    /// The rights the page grants.
    public var granted: AccessRights { authority.granted }

    /// WIMG of the page; real-mode accesses count as ordinary memory.
    public var attributes: StorageAttributes { pageTableEntry?.attributes ?? .memory }

    public var description: String {
        "EA \(effectiveAddress) -> RA 0x\(String(realAddress, radix: 16, uppercase: true)) \(granted)"
            + (virtualAddress.map { " VA \($0)" } ?? "") + (pteIndex.map { " \($0)" } ?? "")
    }
}
