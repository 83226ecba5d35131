import PowerArch
import VMM

/// A snapshot of the software MMU for people learning the hardware: SDR1 and the SLB, a page-table
/// summary, the page states of each live region, and effective addresses translated step by step.
/// Taken without side effects: no R/C update, no cache use.
public struct MMUInspection: Codable, Sendable {
    public struct SLBSlot: Codable, Sendable {
        public let slot: Int
        public let esid: String
        public let vsid: String
        public let ks: Int
        public let kp: Int
        public let noExecute: Bool
        /// The slbmte operands that load this entry.
        public let rs: String
        public let rb: String
    }

    public struct PageTableSummary: Codable, Sendable {
        public let sdr1: String
        public let htabOrigin: String
        public let htabSize: UInt64
        public let groups: UInt64
        public let validEntries: Int
        public let groupsUsed: Int
        /// Entries placed by the secondary hash: their primary group was full.
        public let secondaryEntries: Int
        public let fullGroups: Int
    }

    public struct RegionPages: Codable, Sendable {
        public let start: EffectiveAddress
        public let size: UInt64
        public let flags: String
        public let pp: String
        /// One character per page: `.` zero-fill (untouched), `r` resident, `R` resident and
        /// referenced, `C` referenced and changed, `c` changed but R cleared by the clock,
        /// `o` paged out; `P` marks a pinned resident page.
        public let map: String
        public let faults: PageFaultCounts

        /// The map as runs of one state, in page order; their lengths add up to the region's pages.
        public var runs: [(state: Character, pages: Int)] {
            var runs: [(state: Character, pages: Int)] = []
            for c in map {
                if let last = runs.last, last.state == c { runs[runs.count - 1].pages += 1 } else { runs.append((c, 1)) }
            }
            return runs
        }

        /// How many pages are in each state, so a summary can be checked against the page count.
        public var pagesByState: [Character: Int] {
            map.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
    }

    /// One translation, step by step.
    public struct Walk: Codable, Sendable {
        public let ea: EffectiveAddress
        public var esid: String
        public var pageIndex: String
        public var byteOffset: String
        public var slbSlot: Int?
        public var vsid: String?
        public var ks: Int?
        public var kp: Int?
        public var virtualAddress: String?
        public var primaryHash: String?
        public var primaryPTEG: String?
        public var primaryPTEGAddress: String?
        public var secondaryPTEG: String?
        public var secondaryPTEGAddress: String?
        /// `primary` or `secondary`, when a PTE was found.
        public var foundIn: String?
        public var ptex: String?
        public var pteAddress: String?
        public var dw0: String?
        public var dw1: String?
        public var pp: String?
        public var referenced: Bool?
        public var changed: Bool?
        public var realAddress: String?
        /// Rights by privilege: e.g. `read, write` for the supervisor (key Ks).
        public var supervisor: String?
        public var user: String?
        /// The interrupt the access would raise instead, if any.
        public var outcome: String
        public var pageState: String?
    }

    public let slb: [SLBSlot]
    public let pageTable: PageTableSummary
    public let regions: [RegionPages]
    public let translations: [Walk]
    /// The user process's data segment, when a user program ran.
    public var user: UserSegmentInspection? = nil
}

extension Kernel {
    /// Inspects the MMU now, translating `addresses` (default: the first byte of each live region).
    public func inspectMMU(translating addresses: [EffectiveAddress]? = nil) -> MMUInspection {
        absorbPageEvents()
        let t = vmm.translator
        let slb = t.slb.entries.enumerated().filter { $0.element.isValid }.map { slot, e in
            let ops = e.slbmteOperands(slot: slot)
            return MMUInspection.SLBSlot(
                slot: slot, esid: hex(e.esid), vsid: hex(e.vsid), ks: e.flags.contains(.ks) ? 1 : 0,
                kp: e.flags.contains(.kp) ? 1 : 0, noExecute: e.flags.contains(.noExecute),
                rs: hex(ops.rs), rb: hex(ops.rb))
        }
        let entries = t.pageTable.validEntries
        let groupCounts = Dictionary(grouping: entries, by: { $0.index.group }).mapValues(\.count)
        let table = MMUInspection.PageTableSummary(
            sdr1: hex(t.pageTable.sdr1.rawValue), htabOrigin: hex(t.pageTable.sdr1.htabOrigin),
            htabSize: t.pageTable.sdr1.htabSize, groups: t.pageTable.sdr1.ptegCount,
            validEntries: entries.count, groupsUsed: groupCounts.count,
            secondaryEntries: entries.filter { $0.entry.hashFunction == .secondary }.count,
            fullGroups: groupCounts.values.filter { $0 == PTEGroup.slotCount }.count)
        let regions = vmm.liveRegions.map { r in
            MMUInspection.RegionPages(
                start: r.start, size: r.size, flags: r.flags.aixSpelling, pp: r.protection.bits,
                map: String(vmm.pageStates(of: r).map(Self.mapCharacter)),
                faults: vmm.faultsByRegion[r.sequence] ?? PageFaultCounts())
        }
        let targets = addresses ?? vmm.liveRegions.map(\.start)
        return MMUInspection(slb: slb, pageTable: table, regions: regions,
                             translations: targets.map(walk), user: inspectUserSegment())
    }

    static func mapCharacter(_ s: PageState) -> Character {
        switch s.residency {
        case .unallocated: return " "
        case .zeroFill: return "."
        case .pagedOut: return "o"
        case .resident:
            if s.pinned { return "P" }
            if s.referenced { return s.changed ? "C" : "R" }
            return s.changed ? "c" : "r"
        }
    }

    /// The translation of `ea` as the hardware performs it, read from the translator's own
    /// side-effect-free walk: a supervisor load, then the same page's rights for user code.
    func walk(_ ea: EffectiveAddress) -> MMUInspection.Walk {
        let t = vmm.translator
        let walk = t.probe(ea: ea, access: .load, state: .supervisor)
        let state = vmm.map.contains(ea) ? vmm.pageState(at: ea) : nil
        var w = MMUInspection.Walk(
            ea: ea, esid: hex(ea.esid), pageIndex: hex((ea.segmentOffset) >> PageSize.shift),
            byteOffset: hex(ea.pageOffset), outcome: Self.outcome(of: walk, pageState: state))
        w.pageState = state?.description
        // 1. ESID → SLB entry → VSID.
        guard let segment = walk.segment else { return w }
        w.slbSlot = segment.slot
        w.vsid = hex(segment.entry.vsid)
        w.ks = segment.entry.flags.contains(.ks) ? 1 : 0
        w.kp = segment.entry.flags.contains(.kp) ? 1 : 0
        // 2. VA, hash, the two groups.
        guard let va = walk.virtualAddress, let search = walk.search else { return w }
        let sdr1 = t.pageTable.sdr1
        w.virtualAddress = va.description
        w.primaryHash = hex(search.primaryHash)
        w.primaryPTEG = hex(search.primaryGroup)
        w.primaryPTEGAddress = hex(sdr1.ptegAddress(ofGroup: search.primaryGroup))
        w.secondaryPTEG = hex(search.secondaryGroup)
        w.secondaryPTEGAddress = hex(sdr1.ptegAddress(ofGroup: search.secondaryGroup))
        // 3. The PTE, and the real address.
        guard let found = search.found else { return w }
        w.foundIn = found.hash == .primary ? "primary" : "secondary"
        w.ptex = hex(found.index.rawValue)
        w.pteAddress = hex(sdr1.pteAddress(of: found.index))
        w.dw0 = hex(found.entry.dw0)
        w.dw1 = hex(found.entry.dw1)
        w.pp = String(found.entry.protection.pp, radix: 2).leftPadded(2)
        w.referenced = found.entry.isReferenced
        w.changed = found.entry.isChanged
        w.realAddress = hex(found.entry.realPageAddress | ea.pageOffset)
        // 4. Authority for each privilege: PP under the segment's key.
        let user = t.probe(ea: ea, access: .load, state: .problem)
        w.supervisor = walk.authority.map { Self.rights($0.granted) }
        w.user = user.authority.map { Self.rights($0.granted) }
        return w
    }

    /// How the walk ended, in words, with what the VMM does about a missing PTE.
    static func outcome(of walk: TranslationWalk, pageState: PageState?) -> String {
        let ea = walk.effectiveAddress
        switch walk.interrupt {
        case nil:
            return "translated"
        case .dataSegment?, .instructionSegment?:
            return "data segment interrupt: no SLB entry for ESID \(hex(ea.esid))"
        case .dataStorage(_, let dsisr)? where walk.search?.isHit == false:
            let residency = pageState?.residency ?? .unallocated
            return "DSI, DSISR \(dsisr): no PTE in either group" + (
                residency == .zeroFill ? "; a page fault the VMM resolves by zero-filling a frame"
                : residency == .pagedOut ? "; a page fault the VMM resolves by paging the page in"
                : residency == .resident ? "; the VMM reloads the PTE" : "")
        case let interrupt?:
            return interrupt.description
        }
    }

    static func rights(_ r: AccessRights) -> String {
        var parts: [String] = []
        if r.contains(.read) { parts.append("read") }
        if r.contains(.write) { parts.append("write") }
        if r.contains(.execute) { parts.append("execute") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
