import ExecutionEnvironment

/// Running simulated time: whatever comes due is delivered in order.
extension Kernel {
    /// Schedules a device interrupt on `level` at simulated time `at`.
    public func scheduleInterrupt(level: Int32, at time: SimulatedTime) {
        clock.schedule(.deviceInterrupt(level: level), at: time)
    }

    /// Lets simulated time run for `duration`, doing whatever comes due, in order.
    public func run(for duration: SimulatedTime) {
        let end = now + duration
        while crash == nil, let next = clock.advance(to: end) {
            deliver(next)
        }
        if crash == nil { now = max(now, end) }
    }

    func deliver(_ event: ScheduledEvent) {
        if simulatedTimeLimitReached(by: event) { return }
        switch event.action {
        case .deviceInterrupt(let level):
            raiseInterrupt(level: level)
        case .timer(let address):
            guard let block = clock.fire(address) else { return }
            let t = block.storage.pointee
            guard let function = Self.address(of: t.func),
                  let priority = InterruptPriority(rawValue: t.ipri)
            else { return }
            note("timer due: calling \(functionName(function)) at \(priority.name)" + lineSuffix(function),
                 source: codeFrame(function))
            // Off the kernel's list, but the handler still has it (AIX's clock code marks it
            // complete only once the handler returns).
            block.storage.pointee.flags &= ~Self.T_PENDING
            let outer = clock.runningTimerBlock
            clock.runningTimerBlock = address
            _ = runHandler(function, argument: address, kext: block.kext,
                           source: .timer(handler: functionName(function)), priority: priority)
            clock.runningTimerBlock = outer
            // A handler that restarted its own trb (a periodic timer) left it queued again.
            if clock.liveTimerBlock(at: address)?.active == false {
                block.storage.pointee.flags = (block.storage.pointee.flags & ~(Self.T_PENDING | Self.T_ACTIVE))
                    | Self.T_COMPLETE
            }
            runOffLevelWork()
        case .watchdogTick(let address):
            watchdogTick(address)
        case .timeout(let function, let argument, let kext):
            note("timeout due: calling \(functionName(function)) at INTTIMER" + lineSuffix(function),
                 source: codeFrame(function))
            _ = runHandler(function, argument: argument, kext: kext,
                           source: .timeout(handler: functionName(function)), priority: .INTTIMER)
            runOffLevelWork()
        }
    }
}
