import Kernel
import VMM

/// What demand paging did during a run: the kext's page faults and the simulated real memory.
public struct PagingReport: Codable, Sendable {
    /// Simulated real memory, bytes.
    public let realMemory: UInt64
    /// Frames in use when the run ended.
    public let framesInUse: UInt32
    /// Paging-space slots holding paged-out pages when the run ended.
    public let slotsInUse: UInt32
    /// The kext's page-fault activity.
    public let faults: PageFaultCounts

    init(kernel: Kernel, kext: KextID) {
        let stats = kernel.vmm.pagingStatistics
        realMemory = kernel.vmm.realMemoryBytes
        framesInUse = stats.frames_used
        slotsInUse = stats.slots_used
        faults = kernel.pageFaultCounts(of: kext)
    }
}
