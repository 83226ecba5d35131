import PowerArch
import Testing
@testable import VMM

extension DemandPagingTests {
    /// vm_gfree discards only the span of pages that ever held a frame or a paging slot; the
    /// rest must already be fresh, inaccessible zero memory, so a reuse of the range still starts
    /// at zero and still faults on every first touch (R and C exact).
    @Test("After vm_gfree, every page of a reused range reads zero and faults on its first touch, touched before or not")
    func releaseLeavesFreshPages() throws {
        // Nine pages: the region and its guard page, so the next fit wraps to the same range.
        let h = heap(9 * 4096, real: 2 * 4096)
        let r = try region(h, pages: 8)
        for page in 1...5 { host(h, r.start.advanced(by: UInt64(page) << 12)).pointee = UInt8(page) }
        h.drainPageEvents()
        #expect(h.pagingStatistics.page_outs > 0, "real memory of two frames forced page-outs")
        _ = h.free(start: r.start, size: Int64(r.size))

        let again = try region(h, pages: 8)
        try #require(again.start == r.start, "the range is reused")
        #expect(h.pageStates(of: again).allSatisfy { $0.residency == .zeroFill })
        for page in 0..<8 {
            let ea = again.start.advanced(by: UInt64(page) << 12)
            #expect(host(h, ea).pointee == 0, "page \(page) reads zero")
            h.drainPageEvents()
            let state = h.pageState(at: ea)
            #expect(state.referenced && !state.changed, "page \(page): the load faulted and set R only")
        }
        #expect(h.faultsByRegion[again.sequence]?.zeroFills == 8)
    }
}
