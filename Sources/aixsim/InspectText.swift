import Kernel

/// `--inspect` as text: the SLB, the page table, each region's pages, then each translation as
/// the hardware performs it.
struct InspectText {
    let inspection: MMUInspection
    init(_ inspection: MMUInspection) { self.inspection = inspection }

    var text: String {
        var out = inspection.user == nil ? "\nMMU after CFG_INIT\n" : "\nMMU after the user program\n"
        out += "  SLB (\(inspection.slb.count) valid entries)\n"
        out += "    slot  ESID         VSID      Ks Kp N  slbmte RS / RB\n"
        for s in inspection.slb.prefix(8) {
            out += "    \(pad(String(s.slot), 4))  \(pad(s.esid, 11))  \(pad(s.vsid, 8))  \(s.ks)  \(s.kp) \(s.noExecute ? 1 : 0)  \(s.rs) / \(s.rb)\n"
        }
        if inspection.slb.count > 8 { out += "    … \(inspection.slb.count - 8) more\n" }
        let t = inspection.pageTable
        out += "  page table: SDR1 \(t.sdr1) (HTABORG \(t.htabOrigin), HTABSIZE \(t.htabSize): \(t.groups) PTEGs of 8)\n"
        out += "    \(t.validEntries) valid PTEs in \(t.groupsUsed) groups; \(t.secondaryEntries) placed by the secondary hash; \(t.fullGroups) full groups\n"
        for r in inspection.regions {
            out += "  region \(r.start), \(r.size / 4096) pages, \(r.flags), PP \(r.pp)\n"
            out += "    pages [\(Self.pageMap(r))]   (. untouched  R referenced  C changed  r/c R cleared  o paged out  P pinned)\n"
            if r.map.count > Self.widestLiteralMap {
                let counts = r.pagesByState.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                out += "    \(r.map.count) pages: \(counts.joined(separator: ", "))\n"
            }
            out += "    faults: \(r.faults.zeroFills) zero-fill, \(r.faults.pageIns) page-in, \(r.faults.pageOuts) page-out, "
                + "\(r.faults.referenceFaults) R and \(r.faults.changeFaults) C updates\n"
        }
        if let user = inspection.user { out += Self.userSegment(user) }
        for w in inspection.translations { out += walk(w) }
        return out
    }

    /// The user process's data segment: its SLB entry, where it is, and its pages' PTEs.
    static func userSegment(_ u: UserSegmentInspection) -> String {
        var out = "  user segment (process \(u.pid)'s data): ESID \(u.esid) → VSID \(u.vsid), Ks=\(u.ks) Kp=\(u.kp), "
        out += u.slot.map { "in SLB slot \($0)\n" }
            ?? "not in the SLB (kernel code runs: a user address has no translation until copyin/copyout open the segment)\n"
        out += "    \(u.mappedPages) pages mapped, \(u.pages.count) with a PTE\n"
        for p in u.pages.prefix(8) {
            out += "    page \(p.page) at \(p.ea): PP \(p.pp), R=\(p.referenced ? 1 : 0) C=\(p.changed ? 1 : 0), RA \(p.realAddress)\n"
        }
        if u.pages.count > 8 { out += "    … \(u.pages.count - 8) more\n" }
        return out
    }

    /// Past this many pages a map is written as runs, or a 4 MB region would be a 1024-character line.
    static let widestLiteralMap = 64
    /// Runs shorter than this stay literal: `C.C` reads better than `C .×1 C`.
    static let shortestCountedRun = 4

    /// The region's map, literal when it is small, else as runs such as `C .×499 C .×522 C`.
    static func pageMap(_ r: MMUInspection.RegionPages) -> String {
        guard r.map.count > widestLiteralMap else { return r.map }
        return r.runs.map { run in
            run.pages >= shortestCountedRun ? "\(run.state)×\(run.pages)" : String(repeating: run.state, count: run.pages)
        }.joined(separator: " ")
    }

    private func walk(_ w: MMUInspection.Walk) -> String {
        var out = "  translate \(w.ea)\n"
        out += "    1. EA → ESID \(w.esid), page index \(w.pageIndex), byte offset \(w.byteOffset)\n"
        guard let vsid = w.vsid else { return out + "    → \(w.outcome)\n" }
        out += "    2. SLB slot \(w.slbSlot ?? -1): ESID \(w.esid) → VSID \(vsid), Ks=\(w.ks ?? 0) Kp=\(w.kp ?? 0)\n"
        out += "    3. VA \(w.virtualAddress ?? "?"); primary hash \(w.primaryHash ?? "?")\n"
        out += "    4. PTEG primary \(w.primaryPTEG ?? "?") at RA \(w.primaryPTEGAddress ?? "?"), secondary \(w.secondaryPTEG ?? "?") at RA \(w.secondaryPTEGAddress ?? "?")\n"
        guard let ptex = w.ptex else {
            return out + "    5. no PTE → \(w.outcome)" + (w.pageState.map { "; the VMM's page is \($0)" } ?? "") + "\n"
        }
        out += "    5. PTE \(ptex) (\(w.foundIn ?? "?") group) at RA \(w.pteAddress ?? "?"): dw0 \(w.dw0 ?? "?") dw1 \(w.dw1 ?? "?")\n"
        out += "       PP \(w.pp ?? "?"), R=\((w.referenced ?? false) ? 1 : 0) C=\((w.changed ?? false) ? 1 : 0)\n"
        out += "    6. RA \(w.realAddress ?? "?")\n"
        out += "    7. authority: supervisor (key \(w.ks ?? 0)) \(w.supervisor ?? "?"); user (key \(w.kp ?? 1)) \(w.user ?? "?")\n"
        return out
    }

    private func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
}
