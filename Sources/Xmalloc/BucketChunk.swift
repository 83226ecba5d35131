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
    /// Free block indices; the last one is handed out next (LIFO, as in kmalloc).
    private(set) var freeList: [Int]
    private var isFree: [Bool]
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
        // Reversed so that blocks go out in ascending address order.
        freeList = Array((0..<count).reversed())
        isFree = Array(repeating: true, count: count)
        poisoned = PoisonedBlocks(blockCount: count)
    }

    var blockCount: Int { isFree.count }
    var liveBlocks: Int { blockCount - freeList.count - quarantined }
    var isEmpty: Bool { freeList.count == blockCount }
    var hasFreeBlock: Bool { !freeList.isEmpty }

    func take() -> Int? {
        guard let index = freeList.popLast() else { return nil }
        isFree[index] = false
        return index
    }

    func give(_ index: Int) {
        precondition(!isFree[index], "xmalloc: block \(index) of chunk \(base) freed twice")
        isFree[index] = true
        freeList.append(index)
        precondition(freeList.count <= blockCount, "xmalloc: free list longer than the chunk")
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
                          freeListLength: freeList.count, liveBlocks: liveBlocks,
                          quarantinedBlocks: quarantined)
    }
}
