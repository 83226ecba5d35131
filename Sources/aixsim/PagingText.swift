import Kernel
import KextLoader

/// The report's one line about demand paging.
struct PagingText {
    let paging: PagingReport
    init(_ paging: PagingReport) { self.paging = paging }

    var line: String {
        let f = paging.faults
        var parts = ["\(f.pageFaults) page fault\(f.pageFaults == 1 ? "" : "s") (\(f.zeroFills) zero-fill, \(f.pageIns) page-in)"]
        if f.pageOuts > 0 { parts.append("\(f.pageOuts) page-out\(f.pageOuts == 1 ? "" : "s")") }
        parts.append("\(f.referenceFaults) R and \(f.changeFaults) C updates by fault")
        return "real memory: \(ByteCount(paging.realMemory)); paging: " + parts.joined(separator: ", ") + "\n"
    }
}
