/// One size class of a heap: its chunks and how full they are.
public struct XmallocBucketUsage: Hashable, Sendable {
    public let blockSize: Int
    public let chunks: [XmallocChunkUsage]

    public var blockCount: Int { chunks.reduce(0) { $0 + $1.blockCount } }
    public var freeBlocks: Int { chunks.reduce(0) { $0 + $1.freeListLength } }
    public var liveBlocks: Int { chunks.reduce(0) { $0 + $1.liveBlocks } }
}
