/// The AIX names of flag words and results the kernel services take and return, so a trace
/// reads `flags=EVENT_SIGWAKE` and `= THREAD_TIMED_OUT`, never a bare number. Values from the
/// AIX 5.3 headers aixsim ships (`<sys/sleep.h>`, `<sys/lockl.h>`, `<sys/lock_def.h>`,
/// `<sys/timer.h>`).
struct AIXFlagNames: Sendable {
    /// Each named bit (or value, for `values`), in the order the trace lists them.
    let names: [(value: Int64, name: String)]
    /// The name of 0, when the header gives one (EVENT_SHORT, LOCK_SHORT).
    let zero: String?

    /// The named bits joined with `|`; bits no name covers are shown in hex, and then the whole
    /// value follows in parentheses.
    func bits(_ value: Int64) -> String {
        if value == 0 { return zero ?? "0" }
        var rest = value
        var parts: [String] = []
        for (bit, name) in names where bit != 0 && value & bit == bit {
            parts.append(name)
            rest &= ~bit
        }
        guard rest != 0 else { return parts.joined(separator: "|") }
        parts.append("0x" + String(UInt64(bitPattern: rest), radix: 16, uppercase: true))
        return parts.joined(separator: "|") + " (\(value))"
    }

    /// The name of an enumerated value, or the number when it has none.
    func value(_ value: Int64) -> String {
        if value == 0, let zero { return zero }
        return names.first { $0.value == value }?.name ?? String(value)
    }

    /// e_sleep's flags (`<sys/sleep.h>`).
    static let sleepFlags = AIXFlagNames(names: [(2, "EVENT_SIGWAKE"), (4, "EVENT_SIGRET")], zero: "EVENT_SHORT")
    /// e_sleep's result.
    static let sleepResult = AIXFlagNames(names: [(1, "EVENT_SUCC"), (-1, "EVENT_NULL")], zero: "EVENT_SIG")
    /// e_sleep_thread's flags: how to treat the lock it releases, and whether a signal ends it.
    static let sleepThreadFlags = AIXFlagNames(
        names: [(1, "INTERRUPTIBLE"), (2, "LOCK_HANDLER"), (4, "LOCK_READ"), (8, "LOCK_SIMPLE"), (16, "LOCK_WRITE")],
        zero: nil)
    /// lockl's flags (`<sys/lockl.h>`).
    static let locklFlags = AIXFlagNames(names: [(1, "LOCK_NDELAY"), (2, "LOCK_SIGWAKE"), (4, "LOCK_SIGRET")],
                                         zero: "LOCK_SHORT")
    /// lock_alloc's flags (`<sys/lock_def.h>`).
    static let lockAllocFlags = AIXFlagNames(names: [(1, "LOCK_ALLOC_PIN"), (2, "LOCK_ALLOC_PAGED")], zero: nil)
    /// A trb's flags (`<sys/timer.h>`).
    static let timerFlags = AIXFlagNames(
        names: [(0x01, "T_PENDING"), (0x02, "T_ACTIVE"), (0x04, "T_ABSOLUTE"), (0x10, "T_INCINTERVAL"),
                (0x20, "T_COMPLETE"), (0x40, "T_MPSAFE"), (0x80, "T_LOWRES")],
        zero: nil)

    /// How a thread's sleep ended (e_sleep_thread, e_block_thread, e_wakeup_w_result): THREAD_*,
    /// and THREAD_OTHER+n for the values at and above THREAD_OTHER a kext defines for itself.
    static func threadResult(_ value: Int64) -> String {
        switch value {
        case 1: "THREAD_AWAKENED"
        case 2: "THREAD_TIMED_OUT"
        case 4: "THREAD_INTERRUPTED"
        case 4096: "THREAD_OTHER"
        case 4097...: "THREAD_OTHER+\(value - 4096)"
        default: String(value)
        }
    }

    /// A boolean_t argument.
    static func boolean(_ value: Int64) -> String {
        switch value {
        case 0: "FALSE"
        case 1: "TRUE"
        default: "\(value) (TRUE)"
        }
    }
}
