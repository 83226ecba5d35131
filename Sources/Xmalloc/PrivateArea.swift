import PowerArch
import VMM

/// The caller-owned pages a private heap (init_heap) carves from: first fit over free page
/// runs, never more than the area.
final class PrivateArea {
    let range: Range<EffectiveAddress>
    /// The galloc region the area lies in, for reports.
    let region: GallocRegion
    /// Free page runs, as page indices from the area start.
    private var free: FreePageRuns

    init(range: Range<EffectiveAddress>, region: GallocRegion) {
        self.range = range
        self.region = region
        free = FreePageRuns(pages: UInt64(Int(range.upperBound.rawValue - range.lowerBound.rawValue) >> PageSizeFacts.shift))
    }

    var pageCount: Int { Int(range.upperBound.rawValue - range.lowerBound.rawValue) >> PageSizeFacts.shift }
    var freePages: Int { Int(free.freePageCount) }

    func take(pages: Int) -> EffectiveAddress? {
        guard let start = free.firstFit(pages: UInt64(pages)) else { return nil }
        free.take(start..<(start + UInt64(pages)))
        return address(ofPage: Int(start))
    }

    func give(_ start: EffectiveAddress, pages: Int) {
        let first = UInt64(start.rawValue - range.lowerBound.rawValue) >> UInt64(PageSizeFacts.shift)
        free.give(first..<(first + UInt64(pages)))
    }

    /// Whether every page of `pages` has been handed out (so a kext owns it and may build a
    /// heap of its own there, as AIX allows).
    func isTaken(_ pages: Range<EffectiveAddress>) -> Bool {
        let first = UInt64(pages.lowerBound.rawValue - range.lowerBound.rawValue) >> UInt64(PageSizeFacts.shift)
        let end = UInt64(pages.upperBound.rawValue - range.lowerBound.rawValue) >> UInt64(PageSizeFacts.shift)
        return !free.runs.contains { $0.overlaps(first..<end) }
    }

    private func address(ofPage page: Int) -> EffectiveAddress {
        range.lowerBound.advanced(by: UInt64(page << PageSizeFacts.shift))
    }
}
