/// Page-fault activity, as the VMM counts it per region and the kernel per kext.
///
/// Only zero-fill and page-in faults are page faults in AIX's sense. Reference and change
/// faults exist because the host MMU has no R and C bits: aixsim keeps a page inaccessible or
/// read-only until the access that sets the bit, so they are counted apart.
public struct PageFaultCounts: Hashable, Sendable, Codable {
    /// First touches that got a zero-filled frame.
    public var zeroFills = 0
    /// Touches of paged-out pages that read them back from paging space.
    public var pageIns = 0
    /// Faults that only set R on a resident page.
    public var referenceFaults = 0
    /// Faults that only set C on a resident page.
    public var changeFaults = 0
    /// Pages the clock stole.
    public var pageOuts = 0

    public init() {}

    /// Zero-fill plus page-in faults: what AIX counts as page faults.
    public var pageFaults: Int { zeroFills + pageIns }

    public static func += (a: inout PageFaultCounts, b: PageFaultCounts) {
        a.zeroFills += b.zeroFills
        a.pageIns += b.pageIns
        a.referenceFaults += b.referenceFaults
        a.changeFaults += b.changeFaults
        a.pageOuts += b.pageOuts
    }

    public var isEmpty: Bool { self == PageFaultCounts() }
}
