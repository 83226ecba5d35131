import PowerArch

/// Loads and stores through the software MMU, as code in a given processor state would make
/// them: how a scenario or a test plays a user process (problem state, key Kp = 1) reading a
/// `V_UREAD` region, or checks what the kernel may do.
///
/// Each page is translated by the `Translator` first; the host memory is touched only once the
/// simulated MMU has allowed the access. A missing PTE on an allocated page is the page fault the
/// VMM resolves (zero-fill or page-in, then the translation is retried), exactly what the fault
/// handler does for native kext code; what the MMU refuses comes back as the storage interrupt
/// AIX would take, with its DSISR.
extension VirtualMemoryManager {
    /// Translates `ea` for `access` in `state`, reloading the SLB on a segment miss as the kernel's
    /// segment-fault handler does, and resolving a page fault on an allocated page.
    public func translate(_ ea: EffectiveAddress, access: AccessKind, state: ProcessorState)
        -> Result<Translation, StorageInterrupt>
    {
        drainPageEvents()
        // A user segment maps only the attached range; the rest of it translates to nothing.
        if isUserSegment(ea), kernelAddress(forUser: ea) == nil {
            return .failure(.noTranslation(at: ea, access: access))
        }
        let page = map.contains(ea) ? ea : kernelAddress(forUser: ea)
        var result = translator.translate(ea: ea, access: access, state: state)
        if case .failure(.dataSegment) = result, let entry = segmentEntry(for: ea) {
            translator.storeSegment(entry, at: slbReloadCursor)
            slbReloadCursor = (slbReloadCursor + 1) % translator.slb.slotCount
            result = translator.translate(ea: ea, access: access, state: state)
        }
        if case .failure(.dataStorage(_, let dsisr)) = result, dsisr.contains(.noTranslation),
           let page, pageState(at: page).residency != .unallocated
        {
            // The page fault: bring the page in as a load (a store the MMU may still refuse must
            // not set C), enter its PTE, and run the translation again.
            guard touch(pageNumber(page), as: .load) == 1 else { return result }
            drainPageEvents()
            result = translator.translate(ea: ea, access: access, state: state)
        }
        if case .success = result, let page {
            // The MMU set R (and C on a store) in the PTE; the host protection follows.
            _ = touch(pageNumber(page), as: access)
            drainPageEvents()
        }
        return result
    }

    /// Reads `count` bytes at `ea` as code in `state` would; the first storage interrupt ends it.
    public func load(_ ea: EffectiveAddress, count: Int, state: ProcessorState) -> Result<[UInt8], StorageInterrupt> {
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        var offset = 0
        while offset < count {
            let at = ea.advanced(by: UInt64(offset))
            let run = min(count - offset, Int(PageSize.bytes - at.pageOffset))
            if case .failure(let interrupt) = translate(at, access: .load, state: state) { return .failure(interrupt) }
            let host = map.hostPointer(from: map.contains(at) ? at : kernelAddress(forUser: at)!)!
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: host, count: run))
            offset += run
        }
        return .success(bytes)
    }

    /// Writes `bytes` at `ea` as code in `state` would; returns the storage interrupt that stopped
    /// it, nil if every byte was stored.
    public func store(_ bytes: [UInt8], at ea: EffectiveAddress, state: ProcessorState) -> StorageInterrupt? {
        var offset = 0
        while offset < bytes.count {
            let at = ea.advanced(by: UInt64(offset))
            let run = min(bytes.count - offset, Int(PageSize.bytes - at.pageOffset))
            if case .failure(let interrupt) = translate(at, access: .store, state: state) { return interrupt }
            let host = map.hostPointer(from: map.contains(at) ? at : kernelAddress(forUser: at)!)!
            bytes[offset..<(offset + run)].withUnsafeBytes { host.copyMemory(from: $0.baseAddress!, byteCount: run) }
            offset += run
        }
        return nil
    }
}
