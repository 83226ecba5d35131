extension GallocHeap {
    /// While the CPU may not take a page fault (interrupt environment, or interrupts disabled
    /// below INTBASE), every page of global memory that is not pinned is made inaccessible on
    /// the host, so that touching it faults even when it happens to be resident: AIX would crash
    /// on such a touch whenever the page was paged out, and whether it is resident is luck.
    /// Returns false if the host refused a protection change (the caller reports it).
    public func setPageFaultsAllowed(_ allowed: Bool) -> Bool {
        guard allowed != pageFaultsAllowed else { return true }
        pageFaultsAllowed = allowed
        var ok = true
        for range in unpinnedHostRanges() {
            ok = HostMemory.protect(UnsafeMutableRawPointer(bitPattern: range.lowerBound)!, bytes: range.count,
                                    readWrite: allowed) && ok
        }
        return ok
    }

    /// Host range of the whole heap, for the fault handler's classification.
    public var hostRange: Range<UInt> { map.hostBase..<(map.hostBase + UInt(map.bytes)) }
}
