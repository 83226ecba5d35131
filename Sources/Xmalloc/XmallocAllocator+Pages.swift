import PowerArch
import VMM

/// The lower layer: taking pages from galloc (or a private area) and giving them back.
extension XmallocAllocator {
    // MARK: - Taking pages

    /// Whole pages for a chunk or an allocation: a galloc region of their own in the global
    /// heaps (pinned first for pinned_heap), a first-fit run of the area in a private heap.
    func acquirePages(_ heap: XmallocHeap, bytes: Int) -> PageGrant? {
        let grant: PageGrant?
        switch heap.source {
        case .area(let area):
            grant = area.take(pages: bytes >> PageSizeFacts.shift).map {
                PageGrant(start: $0, bytes: bytes, region: area.region, ownsRegion: false)
            }
        case .galloc:
            grant = gallocRegion(for: heap, bytes: bytes).map {
                PageGrant(start: $0.start, bytes: bytes, region: $0, ownsRegion: true)
            }
        }
        guard let grant else { return nil }
        heap.statistics.bytesHeld += grant.bytes
        heap.statistics.regionsTaken += 1
        return grant
    }

    /// A pinned (for pinned_heap) galloc region, reclaiming idle memory once if galloc is full.
    private func gallocRegion(for heap: XmallocHeap, bytes: Int) -> GallocRegion? {
        var result = galloc.allocate(flags: Self.gallocFlags, size: Int64(bytes), owner: .xmalloc(heap.kind))
        if case .failure = result, reclaimIdleMemory() {
            result = galloc.allocate(flags: Self.gallocFlags, size: Int64(bytes), owner: .xmalloc(heap.kind))
        }
        guard case .success(let region) = result else { return nil }
        // pinned_heap memory must be pinned before xmalloc returns any of it.
        if heap.kind == .pinned, let pin = hooks.pin, !pin(region) {
            _ = galloc.free(start: region.start, size: Int64(region.size))
            return nil
        }
        heap.regions[region.start] = region
        return region
    }

    /// A new chunk for a size class, or nil when the heap cannot grow by one.
    func growBucket(_ heap: XmallocHeap, sizeClass: Int) -> BucketChunk? {
        guard let grant = acquirePages(heap, bytes: heap.chunkBytes) else { return nil }
        let chunk = BucketChunk(base: grant.start, bytes: grant.bytes, sizeClass: sizeClass, region: grant.region)
        heap.add(chunk)
        return chunk
    }

    // MARK: - Giving pages back

    func releasePages(_ heap: XmallocHeap, grant: PageGrant) {
        heap.statistics.bytesHeld -= grant.bytes
        heap.statistics.regionsReturned += 1
        switch heap.source {
        case .area(let area):
            area.give(grant.start, pages: grant.bytes >> PageSizeFacts.shift)
        case .galloc:
            guard let region = grant.region, grant.ownsRegion else {
                preconditionFailure("xmalloc: a global heap's pages without their own region")
            }
            if heap.kind == .pinned { hooks.unpin?(region) }
            heap.regions[region.start] = nil
            guard case .success = galloc.free(start: region.start, size: Int64(region.size)) else {
                preconditionFailure("xmalloc: vm_gfree refused region \(region.start) that xmalloc owns")
            }
        }
    }

    /// Puts a block on its chunk's free list; an empty chunk goes back when its class already
    /// has another empty one (one spare per class absorbs churn).
    func returnBlock(_ index: Int, of chunk: BucketChunk, heap: XmallocHeap) {
        chunk.give(index)
        if chunk.isEmpty, heap.emptyChunkCount(sizeClass: chunk.sizeClass) > 1 {
            releaseChunk(chunk, heap: heap)
        } else if !_faultHooks.isEmpty, _faultHooks.contains(.releaseBusyChunk), heap.canGrow, chunk.liveBlocks == 1 {
            heap.remove(chunk)
            releasePages(heap, grant: PageGrant(start: chunk.base, bytes: chunk.bytes, region: chunk.region, ownsRegion: true))
        }
    }

    func releaseFromQuarantine(_ entry: Quarantine.Entry, heap: XmallocHeap) {
        guard let chunk = heap.chunk(at: entry.chunk) else {
            preconditionFailure("xmalloc: a quarantined block's chunk is gone")
        }
        chunk.quarantined -= 1
        returnBlock(entry.index, of: chunk, heap: heap)
    }

    /// Returns an empty chunk, checking its poisoned blocks one last time.
    func releaseChunk(_ chunk: BucketChunk, heap: XmallocHeap) {
        precondition(chunk.isEmpty && chunk.quarantined == 0, "xmalloc: releasing a chunk in use")
        for index in chunk.poisoned.keys {
            checkFreeFill(chunk, index: index, heap: heap, caller: nil)
        }
        heap.remove(chunk)
        releasePages(heap, grant: PageGrant(start: chunk.base, bytes: chunk.bytes, region: chunk.region,
                                            ownsRegion: heap.canGrow))
    }

    /// When galloc is full: drain the global heaps' quarantines and return every empty chunk,
    /// spares included. Returns whether anything went back.
    func reclaimIdleMemory() -> Bool {
        let global = heaps.values.filter(\.canGrow)
        let returnedBefore = global.reduce(0) { $0 + $1.statistics.regionsReturned }
        for heap in global {
            while let entry = heap.quarantine.popOldest() { releaseFromQuarantine(entry, heap: heap) }
            for chunk in heap.emptyChunks { releaseChunk(chunk, heap: heap) }
        }
        return global.reduce(0) { $0 + $1.statistics.regionsReturned } > returnedBefore
    }
}
