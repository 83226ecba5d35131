import Kernel
import PowerArch
import VMM
import Xmalloc

/// The exhaustion phase: take every page the galloc heap has left, give them all back, and
/// check the heap's capacity is whole again (docs/validation.md, "Full capacity").
extension StressRunner {
    func exhaustAndRestore() throws(InvariantViolation) {
        let vmm = kernel.vmm
        let before = vmm.freeRanges
        let backedBefore = vmm.backedBytes
        let taken = try exhaust()
        let afterExhaustion = vmm.freeRanges
        if let run = afterExhaustion.first(where: { Self.pages(in: $0) >= 2 }),
           vmm.backedBytes + PageSize.bytes <= vmm.pagingSpaceBytes
        {
            throw violation(.capacity, "vm_galloc of one page failed while \(Self.pages(in: run)) pages "
                + "at \(run.lowerBound) were free and paging space was left")
        }
        for (host, bytes) in taken {
            let result = call("vm_gfree", [host, UInt64(bytes)]).value
            guard result == 0 else {
                throw violation(.serviceFailed, "vm_gfree of an exhaustion region at 0x\(String(host, radix: 16)) returned \(result)")
            }
        }
        let after = vmm.freeRanges
        guard after == before, vmm.backedBytes == backedBefore else {
            throw violation(.capacity, "free ranges \(Self.describe(before)) (\(backedBefore) bytes backed) before "
                + "exhausting \(taken.count) regions, \(Self.describe(after)) (\(vmm.backedBytes) bytes backed) after")
        }
        try checkTiling()
    }

    /// Allocates regions, each as large as the largest free run allows and halving on failure,
    /// until not even one page can be had. Returns what it took, as (host address, bytes).
    func exhaust() throws(InvariantViolation) -> [(UInt64, Int)] {
        let vmm = kernel.vmm
        var taken: [(UInt64, Int)] = []
        // A region needs its pages and one guard page after them.
        var pages = (vmm.freeRanges.map(Self.pages(in:)).max() ?? 0) - 1
        while pages > 0 {
            let bytes = pages * Int(PageSize.bytes)
            let result = call("vm_galloc", [UInt64(GallocFlags.working.rawValue), UInt64(bytes),
                                            UInt64(UInt(bitPattern: eaddr))]).value
            if result == 0 {
                taken.append((eaddr.pointee, bytes))
                continue
            }
            guard result == Int64(AIXErrno.noSpace.rawValue) || result == Int64(AIXErrno.noMemory.rawValue) else {
                throw violation(.serviceFailed, "vm_galloc of \(pages) pages while exhausting returned \(result)")
            }
            pages /= 2
        }
        return taken
    }

    /// Every page of the heap is free, in a live region, or the guard page after one; and once
    /// the run has freed everything, the only live regions are xmalloc's own (its spare chunks).
    private func checkTiling() throws(InvariantViolation) {
        let vmm = kernel.vmm
        let free = vmm.freeRanges.reduce(0) { $0 + Self.pages(in: $1) }
        let used = vmm.liveRegions.reduce(0) { $0 + Int($1.size >> PageSize.shift) + 1 }
        let total = Int(vmm.sizeBytes >> PageSize.shift)
        guard free + used == total else {
            throw violation(.capacity, "\(free) free pages and \(used) in regions and guard pages, of \(total)")
        }
        guard model.regions.isEmpty, model.blocks.isEmpty else { return }
        let xmallocOwners: Set<RegionOwner> = [.xmalloc(.kernel), .xmalloc(.pinned)]
        if let stray = vmm.liveRegions.first(where: { !xmallocOwners.contains($0.owner) }) {
            throw violation(.capacity, "after the final free a region of \(stray.size) bytes at \(stray.start) is still live")
        }
    }

    static func pages(in range: Range<EffectiveAddress>) -> Int {
        Int((range.upperBound.rawValue - range.lowerBound.rawValue) >> PageSize.shift)
    }

    private static func describe(_ ranges: [Range<EffectiveAddress>]) -> String {
        let total = ranges.reduce(0) { $0 + pages(in: $1) }
        return "[\(ranges.count) runs, \(total) pages]"
    }
}
