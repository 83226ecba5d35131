import PowerArch
import VMM

/// The debug techniques, one check function each. Each returns at once when its technique is
/// off or was not sampled for the allocation, so the main paths call them unconditionally.
extension XmallocAllocator {
    /// Draws this allocation's techniques, in a fixed order (guard pages, trailers, free-fill,
    /// deferred reuse), one draw per enabled technique, whatever the allocation's route: the
    /// sequence of choices then depends only on the seed and the calls.
    func sampleTechniques(for heap: XmallocHeap, size: Int) -> XmallocDebugOptions {
        let enabled = debug.options
        guard !enabled.isEmpty else { return [] }
        var chosen: XmallocDebugOptions = []
        // Unrolled rather than a loop over an array literal, which would be built on every call.
        draw(.guardPages, enabled, into: &chosen)
        draw(.trailers, enabled, into: &chosen)
        draw(.freeFill, enabled, into: &chosen)
        draw(.deferredReuse, enabled, into: &chosen)
        // Guard pages need a heap that can take a page of its own, and a size that fits one.
        if !heap.canGrow || size > PageSizeFacts.bytes { chosen.remove(.guardPages) }
        return chosen
    }

    @inline(__always)
    private func draw(_ technique: XmallocDebugOptions, _ enabled: XmallocDebugOptions,
                      into chosen: inout XmallocDebugOptions)
    {
        if enabled.contains(technique), random.chance(per1024: debug.frequency(of: technique)) {
            chosen.insert(technique)
        }
    }

    // MARK: - Trailers

    /// Fills the slack after the requested size with the trailer byte.
    func armTrailer(_ slot: RecordSlot, in heap: XmallocHeap) {
        let record = heap.records[slot]
        guard record.debug.contains(.trailers), let base = host(record.address, in: heap) else { return }
        Poison.fillTrailer(base, range: record.trailerRange)
    }

    /// At xmfree: the trailer must be intact, or the caller wrote past its size.
    func checkTrailer(_ slot: RecordSlot, in heap: XmallocHeap, caller: XmallocCaller) {
        guard heap.records[slot].debug.contains(.trailers) else { return }
        let record = heap.records[slot]
        guard let base = host(record.address, in: heap),
              let offset = Poison.firstDamagedTrailer(base, range: record.trailerRange)
        else { return }
        self.record(finding(.overrun(offset: offset), heap: record.heap,
                            at: record.address.advanced(by: UInt64(offset)), record: record, call: caller))
    }

    // MARK: - Free-fill

    /// At xmfree: poisons the whole block and remembers whose it was. A block the sampling
    /// passed over is poisoned anyway while it is among the heap's last freed blocks (the
    /// watch), whenever any debug level is on.
    func fillFreed(_ slot: RecordSlot, chunk: BucketChunk, index: Int, heap: XmallocHeap) {
        let sampled = heap.records[slot].debug.contains(.freeFill)
        guard sampled || !debug.options.isEmpty, let base = host(chunk.address(of: index), in: heap)
        else { return }
        Poison.fillFreed(base, count: chunk.blockSize)
        heap.records.hold(slot)
        if let replaced = chunk.poisoned.store(slot, at: index) { heap.records.release(replaced) }
        guard !sampled,
              let oldest = heap.watch.push(.init(chunk: chunk.base, index: index,
                                                 sequence: heap.records[slot].sequence))
        else { return }
        // Leaving the watch: check it now, then stop tracking it.
        guard let oldChunk = heap.chunk(at: oldest.chunk), let oldSlot = oldChunk.poisoned.slot(of: oldest.index),
              heap.records[oldSlot].sequence == oldest.sequence
        else { return }
        checkFreeFill(oldChunk, index: oldest.index, heap: heap, caller: nil)
    }

    /// At unload: every freed block still poisoned is checked one last time, so a write after
    /// free is reported even when nothing reused the block.
    public func checkFreedBlocks() {
        for kind in heapKinds {
            guard let heap = heaps[kind] else { continue }
            for chunk in heap.chunks.values.sorted(by: { $0.base < $1.base }) {
                for index in chunk.poisoned.keys {
                    checkFreeFill(chunk, index: index, heap: heap, caller: nil)
                }
            }
        }
    }

    /// When a poisoned block is handed out again (or its chunk goes back): the poison must be
    /// intact, or someone wrote to the block after it was freed.
    func checkFreeFill(_ chunk: BucketChunk, index: Int, heap: XmallocHeap, caller: XmallocCaller?) {
        guard let slot = chunk.poisoned.remove(index) else { return }
        defer { heap.records.release(slot) }
        let blockStart = chunk.address(of: index)
        guard let base = host(blockStart, in: heap),
              let offset = Poison.firstDamagedFreed(base, count: chunk.blockSize)
        else { return }
        record(finding(.writeAfterFree(offset: offset), heap: heap.kind,
                       at: blockStart.advanced(by: UInt64(offset)), record: heap.records[slot], call: caller))
    }

    /// The host memory behind an address, or nil when it must not be touched: a private heap
    /// whose area has been freed under it. The checks then skip rather than fault in Swift.
    private func host(_ ea: EffectiveAddress, in heap: XmallocHeap) -> UnsafeMutableRawPointer? {
        guard hasMemory(heap) else { return nil }
        return galloc.hostPointer(for: ea)
    }

    // MARK: - Pinned memory freed

    /// At xmfree on kernel_heap: AIX requires memory pinned for a while to be unpinned first.
    func checkStillPinned(_ slot: RecordSlot, in heap: XmallocHeap, caller: XmallocCaller) {
        let records = heap.records
        guard records[slot].heap == .kernel, let isPinned = hooks.isPinned,
              isPinned(records[slot].address, records[slot].size)
        else { return }
        let record = records[slot]
        self.record(finding(.freeOfPinnedMemory, heap: record.heap, at: record.address, record: record, call: caller))
    }
}
