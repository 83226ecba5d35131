import PowerArch
import VMM

/// A run of pages carved into blocks of one size class, with its free list.
///
/// The free list and the per-block state are kept here, apart from the memory (kmalloc threads
/// its list through the free blocks); a kext writing into freed memory then damages only poison
/// a check can see, never the allocator.
final class BucketChunk {
    let base: EffectiveAddress
    let bytes: Int
    let sizeClass: Int
    let blockSize: Int
    /// The galloc region this chunk is, or (private heaps) lies in.
    let region: GallocRegion?
    /// Free block indices, `freeCount` of them; the last one is handed out next (LIFO, as in
    /// kmalloc). Manual buffers: a take and a give on every pair make no copy-on-write check.
    private let freeList: UnsafeMutablePointer<Int32>
    private(set) var freeCount: Int
    private let isFree: UnsafeMutablePointer<Bool>
    let blockCount: Int
    /// Blocks filled with `Poison.freed`, and the freed allocation each fill stands for.
    let poisoned: PoisonedBlocks
    var quarantined = 0

    init(base: EffectiveAddress, bytes: Int, sizeClass: Int, region: GallocRegion?) {
        self.base = base
        self.bytes = bytes
        self.sizeClass = sizeClass
        self.region = region
        blockSize = SizeClass.blockSizes[sizeClass]
        let count = bytes / blockSize
        blockCount = count
        freeList = .allocate(capacity: count)
        // Reversed so that blocks go out in ascending address order.
        for i in 0..<count { freeList[i] = Int32(count - 1 - i) }
        freeCount = count
        isFree = .allocate(capacity: count)
        isFree.initialize(repeating: true, count: count)
        poisoned = PoisonedBlocks(blockCount: count)
    }

    deinit {
        freeList.deallocate()
        isFree.deallocate()
    }

    var liveBlocks: Int { blockCount - freeCount - quarantined }
    var isEmpty: Bool { freeCount == blockCount }
    var hasFreeBlock: Bool { freeCount > 0 }

    func take() -> Int? {
        guard freeCount > 0 else { return nil }
        freeCount -= 1
        let index = Int(freeList[freeCount])
        isFree[index] = false
        return index
    }

    func give(_ index: Int) {
        precondition(index >= 0 && index < blockCount && !isFree[index], "xmalloc: block \(index) of chunk \(base) freed twice")
        precondition(freeCount < blockCount, "xmalloc: free list longer than the chunk")
        isFree[index] = true
        freeList[freeCount] = Int32(index)
        freeCount += 1
    }

    func address(of index: Int) -> EffectiveAddress {
        base.advanced(by: UInt64(index * blockSize))
    }

    func index(of ea: EffectiveAddress) -> Int {
        let offset = Int(ea.rawValue - base.rawValue)
        precondition(offset >= 0 && offset < bytes && offset % blockSize == 0,
                     "xmalloc: \(ea) is not a block of chunk \(base)")
        return offset / blockSize
    }

    var usage: XmallocChunkUsage {
        XmallocChunkUsage(base: base, bytes: bytes, region: region, blockCount: blockCount,
                          freeListLength: freeCount, liveBlocks: liveBlocks,
                          quarantinedBlocks: quarantined)
    }
}
