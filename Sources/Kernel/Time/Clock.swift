import AIXSimKernelABI

/// A timer request block talloc handed out. aixsim owns its memory (pinned, as AIX's are) and
/// keeps it until the run ends, so a kext's use after tfree reads stale data, not the host heap;
/// it lies in the handed-structure arena, so a store past its end faults and names it.
struct TimerBlock {
    let kext: KextID
    let storage: UnsafeMutablePointer<trb>
    var active = false
    var freed = false
}

/// Simulated time and what is due when: device interrupts, timer request blocks (talloc,
/// tstart), timeouts.
struct Clock {
    var now = SimulatedTime.zero
    private(set) var schedule = EventQueue()
    /// Timer request blocks handed out by talloc, by address.
    private(set) var timerBlocks: [UInt: TimerBlock] = [:]
    /// The block whose handler is running now, which tfree must refuse.
    var runningTimerBlock: UInt?
    /// Callout entries timeoutcf reserved: what timeout may have pending at once.
    var timeoutEntries = 0
    /// Watchdogs registered with w_init and not yet cleared, by address: their owner.
    var watchdogs: [UInt: KextID] = [:]
    /// Device interrupt levels `--arrival-call` brought in early (Kernel+Arrival.swift).
    var arrivedInterrupts: [Int32] = []
    /// Whether the run's device interrupts are settled (brought in early, or scheduled after
    /// CFG_INIT as usual): an arrival point later in the run must not raise them again.
    var arrivalInterruptsSettled = false

    /// A new, zeroed timer request block for `kext`; its address.
    mutating func allocateTimerBlock(for kext: KextID) -> UInt {
        let block = HandedStructureArena.shared
            .allocate(.trb, bytes: MemoryLayout<trb>.size, alignment: MemoryLayout<trb>.alignment)
            .bindMemory(to: trb.self, capacity: 1)
        block.initialize(to: trb())
        let address = UInt(bitPattern: block)
        timerBlocks[address] = TimerBlock(kext: kext, storage: block)
        return address
    }

    /// The block talloc handed out at `address`, unless it was freed.
    func liveTimerBlock(at address: UInt) -> TimerBlock? {
        guard let block = timerBlocks[address], !block.freed else { return nil }
        return block
    }

    mutating func markFreed(_ address: UInt) { timerBlocks[address]?.freed = true }

    mutating func start(_ address: UInt, due: SimulatedTime) {
        schedule.schedule(.timer(block: address), at: due)
        timerBlocks[address]?.active = true
    }

    /// Takes the block off the schedule; whether it was on it.
    mutating func stop(_ address: UInt) -> Bool {
        let cancelled = schedule.cancel { if case .timer(address) = $0.action { true } else { false } }
        timerBlocks[address]?.active = false
        return cancelled > 0
    }

    /// The block whose timer just came due, marked no longer active; nil if it was stopped or
    /// freed meanwhile.
    mutating func fire(_ address: UInt) -> TimerBlock? {
        guard var block = timerBlocks[address], block.active, !block.freed else { return nil }
        block.active = false
        timerBlocks[address] = block
        return block
    }

    mutating func schedule(_ action: ScheduledEvent.Action, at due: SimulatedTime) {
        schedule.schedule(action, at: due)
    }

    /// Takes a watchdog's pending tick off the schedule; whether it had one.
    @discardableResult
    mutating func cancelWatchdogTick(_ address: UInt) -> Bool {
        schedule.cancel { if case .watchdogTick(address) = $0.action { true } else { false } } > 0
    }

    /// Whether a timeout of `function` with `argument` is pending.
    func hasTimeout(of function: UInt, argument: UInt) -> Bool {
        schedule.events.contains { if case .timeout(function, argument, _) = $0.action { true } else { false } }
    }

    /// How many timeouts are pending.
    var pendingTimeouts: Int {
        schedule.events.count { if case .timeout = $0.action { true } else { false } }
    }

    /// Cancels the pending timeouts of `function` with `argument`; how many there were.
    mutating func cancelTimeouts(of function: UInt, argument: UInt) -> Int {
        schedule.cancel { if case .timeout(function, argument, _) = $0.action { true } else { false } }
    }

    /// The next event due no later than `end`, taken off the schedule, with time moved to it.
    mutating func advance(to end: SimulatedTime) -> ScheduledEvent? {
        guard let next = schedule.next, next.due <= end else { return nil }
        return advanceToNext()
    }

    /// The next event whatever its time, taken off the schedule, with time moved to it.
    mutating func advanceToNext() -> ScheduledEvent? {
        guard let next = schedule.popNext() else { return nil }
        now = max(now, next.due)
        return next
    }

    /// Frees the blocks' memory when the machine goes.
    func releaseTimerBlocks() {
        for block in timerBlocks.values { HandedStructureArena.shared.release(UnsafeMutableRawPointer(block.storage)) }
    }
}
