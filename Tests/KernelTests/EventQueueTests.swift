import Foundation
import Testing
@testable import Kernel

/// The clock's schedule: events come out by due time, ties in scheduling order, whatever order
/// they went in, and insertion stays cheap with many pending.
@Suite("Kernel: the event queue")
struct EventQueueTests {
    static func levels(_ queue: inout EventQueue) -> [Int32] {
        var out: [Int32] = []
        while let e = queue.popNext() {
            if case .deviceInterrupt(let level) = e.action { out.append(level) }
        }
        return out
    }

    @Test("Events come out by due time, then in the order they were scheduled")
    func order() {
        var queue = EventQueue()
        let dues: [UInt64] = [50, 10, 30, 10, 70, 30, 0, 50]
        for (i, due) in dues.enumerated() {
            queue.schedule(.deviceInterrupt(level: Int32(i)), at: .nanoseconds(due))
        }
        #expect(queue.next?.due == .nanoseconds(0))
        #expect(queue.events.map(\.due.rawValue) == dues.sorted())
        #expect(Self.levels(&queue) == [6, 1, 3, 2, 5, 0, 7, 4])
        #expect(queue.isEmpty && queue.popNext() == nil)
    }

    @Test("Cancelling keeps the rest in order")
    func cancel() {
        var queue = EventQueue()
        for i in 0..<20 { queue.schedule(.deviceInterrupt(level: Int32(i)), at: .nanoseconds(UInt64((i * 7) % 20))) }
        let removed = queue.cancel { if case .deviceInterrupt(let l) = $0.action { l % 2 == 0 } else { false } }
        #expect(removed == 10)
        let left = Self.levels(&queue)
        #expect(left.count == 10 && left.allSatisfy { $0 % 2 == 1 })
        let dues = left.map { UInt64((Int($0) * 7) % 20) }
        #expect(dues == dues.sorted())
    }

    @Test("A hundred thousand pending events schedule and drain in order, quickly")
    func many() {
        var queue = EventQueue()
        var generator = SystemRandomNumberGenerator()
        let start = Date()
        for i in 0..<100_000 {
            queue.schedule(.deviceInterrupt(level: Int32(i)), at: .nanoseconds(UInt64.random(in: 0..<1_000_000, using: &generator)))
        }
        #expect(queue.count == 100_000)
        var last = (SimulatedTime.zero, 0)
        var inOrder = true
        while let e = queue.popNext() {
            if (e.due, e.sequence) < last { inOrder = false }
            last = (e.due, e.sequence)
        }
        #expect(inOrder)
        // A linear insertion took minutes here; the heap takes well under a second even unoptimised.
        #expect(Date().timeIntervalSince(start) < 20)
    }
}
