import ExecutionEnvironment

/// Moving interrupt and timer arrival relative to a kext's own calls (`--arrival-call K`, which
/// `aixsim explore` varies): right after the Kth service call returns, everything pending on the
/// clock — timers, timeouts, device interrupts already scheduled — comes due at once, as if the
/// kext's code before its next call had run that long. A race a kext leaves open between two of
/// its calls shows only when a handler comes in there.
extension Kernel {
    func deliverArrivals(afterCall k: Int) {
        // Due events interrupt only code that lets them in: process level at INTBASE. At any
        // other point they arrive as usual, later.
        guard crash == nil, cpu.environment == .process, cpu.priority == .INTBASE else { return }
        // The run's device interrupts (`--interrupt`) are not on the clock yet: they would come
        // after CFG_INIT. Here the first of each level comes in now, between two of the kext's calls.
        if !clock.arrivalInterruptsSettled {
            for level in configuration.arrivalInterrupts {
                clock.schedule(.deviceInterrupt(level: level), at: now)
                clock.arrivedInterrupts.append(level)
            }
            clock.arrivalInterruptsSettled = true
        }
        var pending = clock.schedule.count
        if pending == 0 { return }
        note("arrival after call \(k): \(pending) pending event\(pending == 1 ? "" : "s") come due now")
        // Only what was pending: a periodic timer restarting itself waits for its own time.
        while pending > 0, crash == nil, let next = clock.advanceToNext() {
            pending -= 1
            deliver(next)
        }
    }
}

extension Kernel {
    /// The device interrupt levels that arrived at the arrival point, one per level, which the
    /// run no longer raises after CFG_INIT; from now on an arrival point raises none.
    public func settleInterruptsArrivedEarly() -> [Int32] {
        clock.arrivalInterruptsSettled = true
        return clock.arrivedInterrupts
    }
}
