import AIXSimKernelABI
import CFaultGuard
import Kernel
import PowerArch
import VMM

/// Real-memory pressure meeting pinning (`--real-memory`): touching regions makes the VMM steal
/// frames, pinning brings pages in and keeps them, and a pin that would need more frames than
/// are left unpinned fails with ENOMEM, which the run predicts from the frame count and the
/// pages pinned before each pin.
extension StressRunner {
    /// Frames of simulated real memory, and how many hold pinned pages (a pinned page is
    /// resident, so each holds one frame).
    func frameBudget() -> (frames: Int, pinned: Int) {
        let vmm = kernel.vmm
        // Without --real-memory there is a frame for every page of the heap: none can run out,
        // and counting pins on every touch would only slow the run.
        guard configuration.realMemoryBytes != nil else { return (Int(vmm.realMemoryBytes >> PageSize.shift), 0) }
        let pinned = vmm.liveRegions.reduce(0) { $0 + vmm.pinnedPages(of: $1).count }
        return (Int(vmm.realMemoryBytes >> PageSize.shift), pinned)
    }

    /// Pages of `[ea, ea + bytes)` not pinned yet: the frames a pin of it needs.
    func unpinnedPages(_ ea: EffectiveAddress, bytes: Int) -> Int {
        stride(from: 0, to: bytes, by: Int(PageSize.bytes)).count { !kernel.vmm.isPinned(ea.advanced(by: UInt64($0))) }
    }

    /// Whether touching `[ea, ea + bytes)` at process level could fault with no frame to take:
    /// a page is not resident and every frame holds a pinned page. AIX halts there, so the run
    /// does not touch; it counts the touch as refused.
    func touchWouldHalt(_ ea: EffectiveAddress, bytes: Int) -> Bool {
        let budget = frameBudget()
        guard budget.pinned >= budget.frames else { return false }
        let first = ea.rawValue & ~(PageSize.bytes - 1)
        return stride(from: first, to: ea.rawValue + UInt64(max(bytes, 1)), by: Int(PageSize.bytes)).contains {
            kernel.vmm.pageState(at: EffectiveAddress($0)).residency != .resident
        }
    }

    /// The pin's outcome as predicted, compared with what it returned: ENOMEM exactly when the
    /// pages it would newly pin outnumber the frames not yet pinned. After a pin that worked,
    /// every page of the region is resident.
    func checkPinOutcome(_ region: ReferenceModel.Region, name: String, result: Int64,
                         before: (frames: Int, pinned: Int), needed: Int) throws(InvariantViolation)
    {
        let refused = result == Int64(AIXErrno.noMemory.rawValue)
        let predicted = before.pinned + needed > before.frames
        guard refused == predicted else {
            throw violation(.pinPrediction, "\(name) of region #\(region.serial) (\(needed) pages not pinned yet) returned "
                + "\(result); \(before.pinned) of \(before.frames) frames were pinned, so the model expected "
                + (predicted ? "ENOMEM" : "success"))
        }
        guard !refused else { return }
        for offset in stride(from: 0, to: region.bytes, by: Int(PageSize.bytes)) {
            let page = region.ea.advanced(by: UInt64(offset))
            let state = kernel.vmm.pageState(at: page)
            guard state.residency == .resident, state.pinned else {
                throw violation(.pageState, "page \(page) of region #\(region.serial) is \(state) after \(name) returned 0")
            }
        }
    }

    /// Stores the region's byte at the start of each of its pages (all but a private heap's),
    /// after checking that the last touch's bytes are still there: a page stolen and read back
    /// from paging space must come back as it went.
    func touch(_ op: StressOperation, pick: Int) throws(InvariantViolation) {
        guard let region = model.pick(pick, in: model.regions.filter { $0.privateHeap == nil }) else {
            return note(op, target: nil, result: 0)
        }
        if touchWouldHalt(region.ea, bytes: region.bytes) {
            refusedTouches += 1
            return note(op, target: region.serial, result: -1)
        }
        let fill = Self.fill(of: region.serial)
        note(op, target: region.serial, result: Int64(fill))
        for offset in stride(from: 0, to: region.bytes, by: Int(PageSize.bytes)) {
            var byte: UInt8 = 0
            var fault = aixsim_fault()
            guard let host = UnsafeMutableRawPointer(bitPattern: region.host + UInt(offset)),
                  aixsim_guarded_copy(&byte, host, 1, &fault) == 0
            else { throw violation(.memoryFault, "reading page +\(offset) of region #\(region.serial) faulted") }
            if let stored = region.touched, byte != stored {
                throw violation(.contents, "page +\(offset) of region #\(region.serial) holds 0x\(String(byte, radix: 16)), "
                    + "stored 0x\(String(stored, radix: 16))")
            }
            var value = fill
            guard aixsim_guarded_copy(host, &value, 1, &fault) == 0 else {
                throw violation(.memoryFault, "storing into page +\(offset) of region #\(region.serial) faulted")
            }
        }
        update(region.serial) { $0.touched = fill }
    }
}
