import PowerArch
import VMM

/// `--inspect`'s view of the user process's data segment: its SLB entry (and whether the SLB
/// holds it now) and the pages that have a PTE.
public struct UserSegmentInspection: Codable, Sendable {
    public struct Page: Codable, Sendable {
        public let page: Int
        public let ea: EffectiveAddress
        public let pp: String
        public let referenced: Bool
        public let changed: Bool
        public let realAddress: String
    }

    public let pid: Int32
    public let esid: String
    public let vsid: String
    public let ks: Int
    public let kp: Int
    /// The SLB slot holding the entry now; nil while kernel code runs (it is not in the kernel's SLB).
    public let slot: Int?
    /// Pages the process has mapped.
    public let mappedPages: Int
    public let pages: [Page]
}

extension Kernel {
    /// The user segment as the MMU has it now, nil without a user process.
    func inspectUserSegment() -> UserSegmentInspection? {
        guard let process = userProcess, let segment = vmm.userSegment else { return nil }
        let entry = segment.entry
        let slot = vmm.translator.slb.entries.firstIndex { $0.isValid && $0.esid == entry.esid }
        let pages = vmm.userPageEntries.map { p in
            UserSegmentInspection.Page(
                page: p.page, ea: segment.start.advanced(by: UInt64(p.page) << PageSize.shift),
                pp: p.entry.protection.bits, referenced: p.entry.isReferenced, changed: p.entry.isChanged,
                realAddress: hex(p.entry.realPageAddress))
        }
        return UserSegmentInspection(
            pid: process.pid, esid: hex(entry.esid), vsid: hex(entry.vsid),
            ks: entry.flags.contains(.ks) ? 1 : 0, kp: entry.flags.contains(.kp) ? 1 : 0, slot: slot,
            mappedPages: (process.space.used + Int(PageSize.bytes) - 1) / Int(PageSize.bytes), pages: pages)
    }
}
