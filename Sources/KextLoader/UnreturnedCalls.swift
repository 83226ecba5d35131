import Kernel

/// Which traced calls never came back to the kext because the system crashed inside them.
///
/// A call is still open when nothing later in its phase ran in its context (process level, or
/// the same interrupt level): had it returned, the kext would have carried on there. Of the open
/// calls, those in an outer context were interrupted for good; the one in the crash's own context
/// is open only if the crash came from inside a service (a kext-code fault happens after its
/// last call returned). Interrupt-level calls are open only when the crash came at interrupt level.
enum UnreturnedCalls {
    static func mark(_ calls: inout [CallRecord], crash: Crash?) {
        guard let crash, let phase = crash.phase?.rawValue else { return }
        let crashContext = crash.interruptSource.map { "interrupt level, \(crash.priority?.name ?? "?"): \($0)" } ?? ""
        let crashInService = crash.duringServiceCall || crash.service != nil
        var seenContexts: Set<String> = []
        for i in calls.indices.reversed() where calls[i].phase == phase {
            let key = Self.thread(of: calls[i].context)
            guard seenContexts.insert(key).inserted else { continue }
            // Process code runs only once every interrupt level has ended: a crash there leaves
            // no interrupt-level call open (a timer handler's e_wakeup before a hung e_sleep).
            if crashContext.isEmpty, !key.isEmpty { continue }
            if key != crashContext || crashInService { calls[i].neverReturned = true }
        }
    }

    /// The thread of control a call ran on: an interrupt level, or the process thread whatever its
    /// priority (i_disable raises the priority of the same thread; it does not start a new one).
    static func thread(of context: String?) -> String {
        guard let context, context.hasPrefix("interrupt level") else { return "" }
        return context
    }
}
