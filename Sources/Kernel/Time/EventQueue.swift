/// Something the kernel will do at a simulated time: deliver a device interrupt, run a timer
/// handler, run a timeout function.
struct ScheduledEvent {
    enum Action {
        case deviceInterrupt(level: Int32)
        case timer(block: UInt)
        case timeout(function: UInt, argument: UInt, kext: KextID)
        /// The once-a-second decrement of a started watchdog's count.
        case watchdogTick(watchdog: UInt)
    }

    let due: SimulatedTime
    /// Order of scheduling, to break ties: the same run always runs events in the same order.
    let sequence: Int
    let action: Action
}

/// Events by due time, then by scheduling order, in a binary min-heap: scheduling and taking
/// the next event are logarithmic, so a kext that keeps thousands of timeouts pending does not
/// make each insertion a scan.
struct EventQueue {
    private var heap: [ScheduledEvent] = []
    private var nextSequence = 0

    /// Every pending event, in the order they will run (sorted on demand: for reports only).
    var events: [ScheduledEvent] { heap.sorted(by: Self.precedes) }
    var isEmpty: Bool { heap.isEmpty }
    var count: Int { heap.count }
    var next: ScheduledEvent? { heap.first }

    private static func precedes(_ a: ScheduledEvent, _ b: ScheduledEvent) -> Bool {
        (a.due, a.sequence) < (b.due, b.sequence)
    }

    @discardableResult
    mutating func schedule(_ action: ScheduledEvent.Action, at due: SimulatedTime) -> Int {
        nextSequence += 1
        heap.append(ScheduledEvent(due: due, sequence: nextSequence, action: action))
        siftUp(heap.count - 1)
        return nextSequence
    }

    mutating func popNext() -> ScheduledEvent? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return first
    }

    mutating func cancel(where predicate: (ScheduledEvent) -> Bool) -> Int {
        let before = heap.count
        heap.removeAll(where: predicate)
        if heap.count != before {
            for i in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(i) }
        }
        return before - heap.count
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var best = left
            if left + 1 < heap.count, Self.precedes(heap[left + 1], heap[left]) { best = left + 1 }
            guard Self.precedes(heap[best], heap[parent]) else { return }
            heap.swapAt(best, parent)
            parent = best
        }
    }
}
