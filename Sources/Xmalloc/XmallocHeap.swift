import PowerArch
import VMM

/// The state of one heap: its bucket chunks per size class, its live records, the galloc
/// regions it owns, its quarantine and counters. The allocator decides; the heap keeps books.
final class XmallocHeap {
    /// Where the heap's pages come from.
    enum Source {
        /// kernel_heap and pinned_heap: galloc regions, taken and given back as needed.
        case galloc
        /// A private heap: the pages of its area, and nothing else.
        case area(PrivateArea)
    }

    let kind: HeapKind
    let source: Source
    private(set) var chunks: [EffectiveAddress: BucketChunk] = [:]
    private(set) var chunksByClass: [[BucketChunk]]
    /// Every record the heap holds, live or remembered as freed, each once.
    let records = RecordSlab()
    let live: LiveRecords
    /// The galloc regions this heap took and still holds, by start.
    var regions: [EffectiveAddress: GallocRegion] = [:]
    var quarantine: Quarantine
    /// The last freed blocks, poisoned at every debug level (see `FreedBlockWatch`).
    let watch = FreedBlockWatch()
    var statistics = XmallocStatistics()

    /// The last `freedHistoryLimit` frees, oldest at `freedOrderHead` once full: a ring of
    /// record slots (each a holder of its record), so an xmfree moves a slot and copies no
    /// record. Only a refused xmfree and the reports look back in it (newest first), and they
    /// are rare.
    private let freedHistory: UnsafeMutablePointer<RecordSlot>
    private var freedCount = 0
    private var freedOrderHead = 0
    private static let freedHistoryLimit = 4096

    init(kind: HeapKind, source: Source, quarantineDepth: Int) {
        self.kind = kind
        self.source = source
        quarantine = Quarantine(depth: quarantineDepth)
        chunksByClass = Array(repeating: [], count: SizeClass.blockSizes.count)
        live = LiveRecords(slab: records)
        freedHistory = .allocate(capacity: Self.freedHistoryLimit)
    }

    deinit { freedHistory.deallocate() }

    var canGrow: Bool {
        if case .galloc = source { return true }
        return false
    }

    var chunkBytes: Int { canGrow ? SizeClass.globalChunkBytes : SizeClass.privateChunkBytes }

    var area: PrivateArea? {
        if case .area(let area) = source { return area }
        return nil
    }

    // MARK: - Chunks

    /// The oldest chunk of the class with a free block: filling old chunks first lets the
    /// newer ones drain and go back.
    func chunkWithFreeBlock(sizeClass: Int) -> BucketChunk? {
        chunksByClass[sizeClass].first { $0.hasFreeBlock }
    }

    func add(_ chunk: BucketChunk) {
        chunks[chunk.base] = chunk
        chunksByClass[chunk.sizeClass].append(chunk)
    }

    /// The chunk last found by `chunk(at:)`: an xmfree, the poisoning of its block and the
    /// quarantine's release mostly ask for the chunk the previous question named, and a hit
    /// here costs a comparison instead of hashing the address.
    private var lastChunk: BucketChunk?

    /// The chunk starting at `base`, if the heap holds one.
    func chunk(at base: EffectiveAddress) -> BucketChunk? {
        if let last = lastChunk, last.base == base { return last }
        let found = chunks[base]
        if found != nil { lastChunk = found }
        return found
    }

    func remove(_ chunk: BucketChunk) {
        if lastChunk === chunk { lastChunk = nil }
        // Blocks still poisoned (only a planted bug removes a chunk without checking them) let
        // go of their records.
        for index in chunk.poisoned.keys {
            if let slot = chunk.poisoned.remove(index) { records.release(slot) }
        }
        chunks[chunk.base] = nil
        chunksByClass[chunk.sizeClass].removeAll { $0 === chunk }
    }

    func emptyChunkCount(sizeClass: Int) -> Int {
        chunksByClass[sizeClass].reduce(0) { $0 + ($1.isEmpty ? 1 : 0) }
    }

    var emptyChunks: [BucketChunk] { chunksByClass.flatMap { $0.filter(\.isEmpty) } }

    // MARK: - Records

    /// Books a new allocation; the live store holds its record.
    func remember(_ record: XmallocRecord) -> RecordSlot {
        precondition(!live.contains(record.address), "xmalloc: \(record.address) handed out twice")
        let slot = live.insert(record)
        statistics.allocations += 1
        statistics.liveAllocations += 1
        statistics.bytesLive += record.size
        statistics.peakBytesLive = max(statistics.peakBytesLive, statistics.bytesLive)
        return slot
    }

    /// Books a free: the live store's hold on the record passes to the freed ring.
    func forget(_ slot: RecordSlot) {
        let size = records[slot].size
        statistics.frees += 1
        statistics.liveAllocations -= 1
        statistics.bytesLive -= size
        guard freedCount == Self.freedHistoryLimit else {
            freedHistory[freedCount] = slot
            freedCount += 1
            return
        }
        records.release(freedHistory[freedOrderHead])
        freedHistory[freedOrderHead] = slot
        freedOrderHead = (freedOrderHead + 1) % Self.freedHistoryLimit
    }

    /// The newest remembered free that `matches`: a linear scan from the newest entry back.
    private func newestFreed(where matches: (XmallocRecord) -> Bool) -> XmallocRecord? {
        let count = freedCount
        // Once the ring is full, the newest entry sits just before the head.
        let newest = count == Self.freedHistoryLimit ? freedOrderHead + count - 1 : count - 1
        for step in 0..<count {
            let slot = freedHistory[(newest - step) % count]
            if matches(records[slot]) { return records[slot] }
        }
        return nil
    }

    /// The most recent of the remembered frees at exactly `address` (a refused xmfree only).
    func freedRecord(at address: EffectiveAddress) -> XmallocRecord? {
        newestFreed { $0.address == address }
    }

    /// The most recently freed allocation whose bytes held `ea`, for reports only.
    func freedRecord(containing ea: EffectiveAddress) -> XmallocRecord? {
        newestFreed { $0.contains(ea) }
    }

    /// The live allocation an interior pointer falls in, for reports only (a linear scan).
    func liveRecord(containing ea: EffectiveAddress) -> XmallocRecord? {
        live.values.first { $0.contains(ea) }
    }
}
