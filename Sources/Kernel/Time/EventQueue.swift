/// Something the kernel will do at a simulated time: deliver a device interrupt, run a timer
/// handler, run a timeout function.
struct ScheduledEvent {
    enum Action {
        case deviceInterrupt(level: Int32)
        case timer(block: UInt)
        case timeout(function: UInt, argument: UInt, kext: KextID)
    }

    let due: SimulatedTime
    /// Order of scheduling, to break ties: the same run always runs events in the same order.
    let sequence: Int
    let action: Action
}

/// Events by due time, then by scheduling order.
struct EventQueue {
    private(set) var events: [ScheduledEvent] = []
    private var nextSequence = 0

    var isEmpty: Bool { events.isEmpty }
    var next: ScheduledEvent? { events.first }

    @discardableResult
    mutating func schedule(_ action: ScheduledEvent.Action, at due: SimulatedTime) -> Int {
        nextSequence += 1
        let e = ScheduledEvent(due: due, sequence: nextSequence, action: action)
        let i = events.firstIndex { ($0.due, $0.sequence) > (due, nextSequence) } ?? events.count
        events.insert(e, at: i)
        return nextSequence
    }

    mutating func popNext() -> ScheduledEvent? {
        events.isEmpty ? nil : events.removeFirst()
    }

    mutating func cancel(where predicate: (ScheduledEvent) -> Bool) -> Int {
        let before = events.count
        events.removeAll(where: predicate)
        return before - events.count
    }
}
