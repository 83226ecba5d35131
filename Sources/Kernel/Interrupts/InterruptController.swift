import ExecutionEnvironment

/// A handler registered with i_init.
struct RegisteredHandler {
    /// The kext's struct intr (a host pointer), which must stay put until i_clear.
    let intr: UInt
    let kext: KextID
    let level: Int32
    let priority: InterruptPriority
    let handler: UInt
    let notShared: Bool
}

/// The interrupt side of the machine: the CPU's environment and priority, the handlers
/// registered on each bus level, and the off-level work i_sched queued.
struct InterruptController {
    /// The simulated CPU's environment: process or interrupt, priority, interrupted levels.
    /// Changed only through `Kernel.cpu`, which keeps page-fault protection in step.
    var cpu = EnvironmentTracker()
    /// Handlers registered with i_init, by bus interrupt level, in registration order.
    private(set) var handlers: [Int32: [RegisteredHandler]] = [:]
    /// Off-level handlers scheduled with i_sched, not yet run.
    private var offLevelQueue: [RegisteredHandler] = []

    /// Why i_init refuses a handler: its level is held by a handler that will not share it (or
    /// the new one will not share).
    func levelIsTaken(for h: RegisteredHandler) -> Bool {
        let existing = handlers[h.level] ?? []
        return !existing.isEmpty && (h.notShared || existing.contains(where: \.notShared))
    }

    mutating func register(_ h: RegisteredHandler) {
        handlers[h.level, default: []].append(h)
    }

    /// Removes every registration of the struct intr at `intr`; whether there was one.
    mutating func clear(intr: UInt) -> Bool {
        var removed = false
        for level in handlers.keys {
            let before = handlers[level]!.count
            handlers[level]!.removeAll { $0.intr == intr }
            removed = removed || handlers[level]!.count != before
            if handlers[level]!.isEmpty { handlers[level] = nil }
        }
        return removed
    }

    func handlers(on level: Int32) -> [RegisteredHandler] { handlers[level] ?? [] }

    mutating func scheduleOffLevel(_ h: RegisteredHandler) {
        offLevelQueue.append(h)
    }

    /// The most favoured off-level handler waiting that is more favoured than `current` (the
    /// priority the processor is at: less favoured work stays masked), taken off the queue.
    mutating func nextOffLevel(above current: InterruptPriority) -> RegisteredHandler? {
        guard let i = offLevelQueue.indices.min(by: {
            offLevelQueue[$0].priority.isMoreFavoured(than: offLevelQueue[$1].priority)
        }), offLevelQueue[i].priority.isMoreFavoured(than: current) else { return nil }
        return offLevelQueue.remove(at: i)
    }

    /// The handlers `kext` left registered.
    func handlers(of kext: KextID) -> [RegisteredHandler] {
        handlers.values.joined().filter { $0.kext == kext }
    }
}
