import AIXSimKernelABI
import CFaultGuard
import ExecutionEnvironment
import Kernel
import PowerArch

/// Operations done by interrupt handlers: the run schedules its off-level handler (i_sched) or
/// its timer (talloc'd once, tstart, delay) through the kernel's services, and the kernel calls
/// the handler at its priority in the interrupt environment, where the handler's work is checked
/// by the same invariants as process-level work.
extension StressRunner {
    /// The object an interrupt operation acts on, resolved at process level before anything is
    /// scheduled, so an operation with nothing to act on makes no calls.
    enum InterruptTarget {
        case block(ReferenceModel.Block)
        case region(ReferenceModel.Region)
        var serial: Int {
            switch self {
            case .block(let b): b.serial
            case .region(let r): r.serial
            }
        }
    }

    /// Gives the kernel the run's handlers: code pinned (pincode), the off-level struct intr at
    /// INTOFFL1, and one timer request block at INTTIMER.
    func prepareInterrupts() {
        kernel.runtime = handlers
        offLevel.initialize(to: intr())
        offLevel.pointee.handler = unsafeBitCast(StressHandlerRuntime.offLevelAddress,
                                                 to: (@convention(c) (UnsafeMutablePointer<intr>?) -> Int32).self)
        offLevel.pointee.priority = InterruptPriority.INTOFFL1.rawValue
        call("pincode", [UInt64(StressHandlerRuntime.offLevelAddress)])
        let t = UInt(bitPattern: Int(call("talloc", []).value))
        if let trb = UnsafeMutablePointer<trb>(bitPattern: t) {
            trb.pointee.func = unsafeBitCast(StressHandlerRuntime.timerAddress,
                                             to: (@convention(c) (UnsafeMutablePointer<trb>?) -> Void).self)
            trb.pointee.ipri = InterruptPriority.INTTIMER.rawValue
            timerBlock = trb
        }
    }

    func interruptTarget(_ work: StressInterruptWork) -> InterruptTarget? {
        switch work {
        case .store(let pick):
            model.pick(pick, in: model.blocks.filter { $0.heap == .pinned }).map(InterruptTarget.block)
        case .load(let pick):
            model.pick(pick, in: model.blocks.filter { $0.heap == .pinned && $0.fill != nil }).map(InterruptTarget.block)
        case .unpin(let pick):
            model.pick(pick, in: model.regions.filter { $0.shortPins > 0 }).map(InterruptTarget.region)
        }
    }

    func interrupt(_ op: StressOperation, source: StressInterruptSource, work: StressInterruptWork) throws(InvariantViolation) {
        guard let target = interruptTarget(work) else { return note(op, target: nil, result: 0) }
        var ran = 0
        var found: InvariantViolation?
        handlers.handler = { [unowned self] in
            ran += 1
            found = self.atInterrupt(work, target: target, expecting: source)
        }
        defer { handlers.handler = {} }
        let intr = UInt64(UInt(bitPattern: offLevel))
        switch source {
        case .offLevel:
            call("i_sched", [intr])
        case .offLevelDeferred:
            let old = call("i_disable", [UInt64(InterruptPriority.INTMAX.rawValue)]).value
            call("i_sched", [intr])
            if ran > 0 {
                note(op, target: target.serial, result: Int64(ran))
                throw violation(.interruptRule, "the off-level handler ran while interrupts were disabled to INTMAX")
            }
            call("i_enable", [UInt64(bitPattern: old)])
        case .timer:
            guard let timerBlock else { throw violation(.serviceFailed, "talloc returned NULL") }
            timerBlock.pointee.timeout.it_value = aixsim_timestruc()
            call("tstart", [UInt64(UInt(bitPattern: timerBlock))])
            call("delay", [1])
        }
        note(op, target: target.serial, result: Int64(ran))
        if let crash = kernel.crash {
            throw violation(.kernelCrash, "\(crash.kind): \(crash.message)")
        }
        guard ran == 1 else {
            throw violation(.interruptRule, "the \(source.name) handler ran \(ran) times, not once")
        }
        if let found { throw found }
    }

    /// The handler's body, at interrupt level. Only pinned memory may be touched here: a page
    /// fault at interrupt level is a crash on AIX, so the pages are checked before the access.
    private func atInterrupt(_ work: StressInterruptWork, target: InterruptTarget,
                             expecting source: StressInterruptSource) -> InvariantViolation?
    {
        let cpu = kernel.cpu
        let priority: InterruptPriority = source == .timer ? .INTTIMER : .INTOFFL1
        guard cpu.environment == .interrupt, cpu.priority == priority else {
            return violation(.interruptRule, "the \(source.name) handler ran in the \(cpu.environment) environment "
                + "at \(cpu.priority.name), not at interrupt level at \(priority.name)")
        }
        switch (work, target) {
        case (.store, .block(let block)):
            guard kernel.vmm.isPinned(block.ea, length: Int64(block.size)) else {
                return violation(.unpinnedPinnedHeap, "block #\(block.serial) at \(block.ea), touched at interrupt level, is not pinned")
            }
            let fill = Self.fill(of: block.serial)
            let bytes = [UInt8](repeating: fill, count: block.size)
            var fault = aixsim_fault()
            let failed = bytes.withUnsafeBytes {
                aixsim_guarded_copy(UnsafeMutableRawPointer(bitPattern: block.host), $0.baseAddress, block.size, &fault) != 0
            }
            if failed { return violation(.memoryFault, "storing into block #\(block.serial) at interrupt level faulted") }
            if let i = model.blocks.firstIndex(where: { $0.serial == block.serial }) { model.blocks[i].fill = fill }
            return nil
        case (.load, .block(let block)):
            guard kernel.vmm.isPinned(block.ea, length: Int64(block.size)) else {
                return violation(.unpinnedPinnedHeap, "block #\(block.serial) at \(block.ea), read at interrupt level, is not pinned")
            }
            return contents(of: block)
        case (.unpin, .region(let region)):
            let result = call("unpin", [UInt64(region.host), UInt64(region.bytes)]).value
            guard result == 0 else {
                return violation(.serviceFailed, "unpin of region #\(region.serial) at interrupt level returned \(result)")
            }
            update(region.serial) { $0.shortPins -= 1 }
            do { try checkPins(region.serial) } catch { return error }
            return nil
        default:
            return violation(.serviceFailed, "interrupt work \(work.name) on the wrong kind of object")
        }
    }
}
