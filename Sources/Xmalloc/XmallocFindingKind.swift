/// What rule an xmalloc or xmfree call broke.
public enum XmallocFindingKind: Hashable, Sendable {
    /// xmfree of an address this heap returned and has already taken back.
    case doubleFree
    /// xmfree of an address that is not one xmalloc returned (it may point inside a live
    /// allocation, given as the finding's record).
    case freeOfUnallocated
    /// xmfree to the wrong heap: the address is live in `actual`.
    case wrongHeap(actual: HeapKind)
    /// xmalloc or xmfree naming a heap that was never initialised.
    case uninitialisedHeap
    /// xmfree of kernel_heap memory that is still pinned; AIX requires unpin first.
    case freeOfPinnedMemory
    /// A freed block no longer holds the free-fill pattern: something wrote to it after
    /// xmfree. `offset` is the first damaged byte from the block start.
    case writeAfterFree(offset: Int)
    /// The trailer after the requested size was overwritten. `offset` is the first damaged byte
    /// from the allocation start (so `offset - size` bytes past the end).
    case overrun(offset: Int)
}
