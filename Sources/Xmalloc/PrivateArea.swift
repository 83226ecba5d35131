import PowerArch
import VMM

/// The caller-owned pages a private heap (init_heap) carves from: first fit over free page
/// runs, never more than the area.
final class PrivateArea {
    let range: Range<EffectiveAddress>
    /// The galloc region the area lies in, for reports.
    let region: GallocRegion
    /// Free page runs, as page indices from the area start, sorted and never adjacent.
    private var free: [Range<Int>]

    init(range: Range<EffectiveAddress>, region: GallocRegion) {
        self.range = range
        self.region = region
        free = [0..<Int(range.upperBound.rawValue - range.lowerBound.rawValue) >> PageSizeFacts.shift]
    }

    var pageCount: Int { Int(range.upperBound.rawValue - range.lowerBound.rawValue) >> PageSizeFacts.shift }
    var freePages: Int { free.reduce(0) { $0 + $1.count } }

    func take(pages: Int) -> EffectiveAddress? {
        guard let i = free.firstIndex(where: { $0.count >= pages }) else { return nil }
        let start = free[i].lowerBound
        if free[i].count == pages { free.remove(at: i) } else { free[i] = (start + pages)..<free[i].upperBound }
        return address(ofPage: start)
    }

    func give(_ start: EffectiveAddress, pages: Int) {
        let first = Int(start.rawValue - range.lowerBound.rawValue) >> PageSizeFacts.shift
        var run = first..<(first + pages)
        let i = free.firstIndex { $0.lowerBound > first } ?? free.count
        precondition(i == 0 || free[i - 1].upperBound <= first, "xmalloc: area pages given back twice")
        var lo = i
        var hi = i
        if i > 0, free[i - 1].upperBound == run.lowerBound {
            run = free[i - 1].lowerBound..<run.upperBound
            lo = i - 1
        }
        if i < free.count, free[i].lowerBound == run.upperBound {
            run = run.lowerBound..<free[i].upperBound
            hi = i + 1
        }
        free.replaceSubrange(lo..<hi, with: [run])
    }

    private func address(ofPage page: Int) -> EffectiveAddress {
        range.lowerBound.advanced(by: UInt64(page << PageSizeFacts.shift))
    }
}
