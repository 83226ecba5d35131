import PowerArch
import VMM

/// What the software MMU held for a faulting address, for crash reports: the segment, the PTE
/// (or where the search for one failed) and the page's VMM state. Built from one
/// `TranslationWalk`, the same steps the translation takes.
public struct MMUContext: Codable, Sendable, Hashable {
    public struct SegmentInfo: Codable, Sendable, Hashable {
        public let esid: String
        public let vsid: String
        public let ks: Int
        public let kp: Int
        public let slbSlot: Int?
    }

    public struct PTEInfo: Codable, Sendable, Hashable {
        public let ptex: String
        public let dw0: String
        public let dw1: String
        public let pp: String
        public let referenced: Bool
        public let changed: Bool
        public let realAddress: String
    }

    /// nil when no segment of the kernel's global memory covers the address.
    public let segment: SegmentInfo?
    /// nil: no PTE in either group.
    public let pte: PTEInfo?
    /// The PTEGs a search for the page looks in, primary then secondary.
    public let primaryPTEG: String?
    public let secondaryPTEG: String?
    /// The VMM's page state (JSON: its spelling, `zero-fill`, `resident R C`, `unallocated`…).
    public let pageState: PageState?
    /// The region's PP bits, when a live region covers the address.
    public let regionPP: String?

    /// Nothing known: the address is outside every segment of global memory.
    static let outsideGlobalMemory = MMUContext(
        segment: nil, pte: nil, primaryPTEG: nil, secondaryPTEG: nil, pageState: nil, regionPP: nil)

    init(segment: SegmentInfo?, pte: PTEInfo?, primaryPTEG: String?, secondaryPTEG: String?,
         pageState: PageState?, regionPP: String?)
    {
        self.segment = segment
        self.pte = pte
        self.primaryPTEG = primaryPTEG
        self.secondaryPTEG = secondaryPTEG
        self.pageState = pageState
        self.regionPP = regionPP
    }

    /// The context a walk reached, with the VMM's view of the page added.
    init(walk: TranslationWalk, pageState: PageState?, regionPP: String?) {
        let ea = walk.effectiveAddress
        segment = walk.segment.map { s in
            SegmentInfo(esid: hex(s.entry.esid), vsid: hex(s.entry.vsid), ks: s.entry.flags.contains(.ks) ? 1 : 0,
                        kp: s.entry.flags.contains(.kp) ? 1 : 0, slbSlot: s.slot)
        }
        pte = walk.search?.found.map { found in
            PTEInfo(ptex: hex(found.index.rawValue), dw0: hex(found.entry.dw0), dw1: hex(found.entry.dw1),
                    pp: String(found.entry.protection.pp, radix: 2).leftPadded(2),
                    referenced: found.entry.isReferenced, changed: found.entry.isChanged,
                    realAddress: hex(found.entry.realPageAddress | ea.pageOffset))
        }
        primaryPTEG = walk.search.map { hex($0.primaryGroup) }
        secondaryPTEG = walk.search.map { hex($0.secondaryGroup) }
        self.pageState = pageState
        self.regionPP = regionPP
    }

    /// One line each, for the human report.
    public var lines: [String] {
        var out: [String] = []
        if let s = segment {
            out.append("segment ESID \(s.esid) → VSID \(s.vsid), Ks=\(s.ks) Kp=\(s.kp)"
                + (s.slbSlot.map { ", SLB slot \($0)" } ?? ", not in the SLB"))
        } else {
            out.append("segment none: no segment of global memory covers the address")
        }
        if let p = pte {
            out.append("PTE \(p.ptex): dw0 \(p.dw0) dw1 \(p.dw1), PP \(p.pp), R=\(p.referenced ? 1 : 0) C=\(p.changed ? 1 : 0), RA \(p.realAddress)")
        } else if let primaryPTEG, let secondaryPTEG {
            out.append("PTE none in the primary PTEG \(primaryPTEG) or the secondary PTEG \(secondaryPTEG)")
        }
        if let pageState { out.append("page \(pageState)" + (regionPP.map { ", region PP \($0)" } ?? "")) }
        return out
    }

    private enum CodingKeys: String, CodingKey {
        case segment, pte, primaryPTEG, secondaryPTEG, pageState, regionPP
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(segment, forKey: .segment)
        try c.encodeIfPresent(pte, forKey: .pte)
        try c.encodeIfPresent(primaryPTEG, forKey: .primaryPTEG)
        try c.encodeIfPresent(secondaryPTEG, forKey: .secondaryPTEG)
        try c.encodeIfPresent(pageState?.description, forKey: .pageState)
        try c.encodeIfPresent(regionPP, forKey: .regionPP)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        segment = try c.decodeIfPresent(SegmentInfo.self, forKey: .segment)
        pte = try c.decodeIfPresent(PTEInfo.self, forKey: .pte)
        primaryPTEG = try c.decodeIfPresent(String.self, forKey: .primaryPTEG)
        secondaryPTEG = try c.decodeIfPresent(String.self, forKey: .secondaryPTEG)
        pageState = try c.decodeIfPresent(String.self, forKey: .pageState).map { spelling in
            guard let state = PageState(spelling: spelling) else {
                throw DecodingError.dataCorruptedError(forKey: .pageState, in: c, debugDescription: spelling)
            }
            return state
        }
        regionPP = try c.decodeIfPresent(String.self, forKey: .regionPP)
    }
}

extension PageState {
    /// Reads back the spelling `description` writes (`resident R C pinned`).
    init?(spelling: String) {
        let words = spelling.split(separator: " ")
        let residencies: [Substring: Residency] = [
            "unallocated": .unallocated, "zero-fill": .zeroFill, "resident": .resident, "paged-out": .pagedOut,
        ]
        guard let first = words.first, let residency = residencies[first],
              Set(words.dropFirst()).isSubset(of: ["R", "C", "pinned"]) else { return nil }
        self.init(residency: residency, referenced: words.contains("R"), changed: words.contains("C"),
                  pinned: words.contains("pinned"))
    }
}

extension Kernel {
    /// The MMU's view of `ea` for a load, read from a side-effect-free walk.
    public func mmuContext(for ea: EffectiveAddress) -> MMUContext {
        mmuContext(for: ea, access: .load)
    }

    /// The MMU's view of `ea` for `access`, read from a side-effect-free walk.
    public func mmuContext(for ea: EffectiveAddress, access: AccessKind) -> MMUContext {
        faultWalk(ea, access: access).map { mmuContext(of: $0) } ?? .outsideGlobalMemory
    }

    /// The context `walk` reached, with the VMM's page state and the region's PP bits.
    func mmuContext(of walk: TranslationWalk) -> MMUContext {
        let ea = walk.effectiveAddress
        return MMUContext(walk: walk, pageState: vmm.map.contains(ea) ? vmm.pageState(at: ea) : nil,
                          regionPP: vmm.region(containing: ea)?.protection.bits)
    }

    /// The walk a kernel-mode `access` to `ea` takes, as the retry after AIX's segment-fault
    /// handler has loaded the segment from its segment table; nil when no segment of global
    /// memory covers `ea` (there is nothing to load).
    func faultWalk(_ ea: EffectiveAddress, access: AccessKind) -> TranslationWalk? {
        guard let segment = vmm.segments.entry(for: ea) else { return nil }
        return vmm.translator.probe(ea: ea, access: access, state: .supervisor, reloading: segment)
    }
}

func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16, uppercase: true) }

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
