import PowerArch
import VMM

/// What the software MMU held for a faulting address, for crash reports: the segment, the PTE
/// (or where the search for one failed) and the page's VMM state.
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
    /// The VMM's page state (`zero-fill`, `resident R C`, `unallocated`…).
    public let pageState: String?
    /// The region's PP bits, when a live region covers the address.
    public let regionPP: String?

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
}

extension Kernel {
    /// The MMU's view of `ea`, read with `probe`-like lookups that change nothing.
    public func mmuContext(for ea: EffectiveAddress) -> MMUContext {
        let translator = heap.translator
        guard let entry = heap.segments.entry(for: ea) else {
            return MMUContext(segment: nil, pte: nil, primaryPTEG: nil, secondaryPTEG: nil,
                              pageState: nil, regionPP: nil)
        }
        let slot = translator.slb.lookup(ea)?.slot
        let segment = MMUContext.SegmentInfo(
            esid: hex(entry.esid), vsid: hex(entry.vsid),
            ks: entry.flags.contains(.ks) ? 1 : 0, kp: entry.flags.contains(.kp) ? 1 : 0, slbSlot: slot)
        let va = entry.virtualAddress(of: ea)
        let table = translator.pageTable
        let pte = table.lookup(va).map { found in
            MMUContext.PTEInfo(
                ptex: hex(found.index.rawValue), dw0: hex(found.entry.dw0), dw1: hex(found.entry.dw1),
                pp: String(found.entry.protection.pp, radix: 2).leftPadded(2),
                referenced: found.entry.isReferenced, changed: found.entry.isChanged,
                realAddress: hex(found.entry.realPageAddress | ea.pageOffset))
        }
        let state = heap.map.contains(ea) ? heap.pageState(at: ea) : nil
        return MMUContext(
            segment: segment, pte: pte,
            primaryPTEG: hex(table.ptegIndex(of: va, hash: .primary)),
            secondaryPTEG: hex(table.ptegIndex(of: va, hash: .secondary)),
            pageState: state?.description, regionPP: heap.region(containing: ea)?.protection.bits)
    }
}

func hex(_ v: UInt64) -> String { "0x" + String(v, radix: 16, uppercase: true) }

extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
