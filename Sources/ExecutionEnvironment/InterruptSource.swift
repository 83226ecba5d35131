/// What put the processor where it is: the reason code runs in the interrupt environment.
public enum InterruptSource: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A device interrupt on a bus interrupt level, delivered to a handler registered with
    /// `i_init`.
    case device(level: Int32, handler: String)
    /// An off-level handler scheduled with `i_sched`.
    case offLevel(handler: String)
    /// A timer request block (`talloc`/`tstart`) coming due.
    case timer(handler: String)
    /// A `timeout` coming due.
    case timeout(handler: String)
    /// A watchdog timer (`w_init`/`w_start`) whose count reached 0.
    case watchdog(handler: String)

    public var description: String {
        switch self {
        case .device(let level, let handler): "device interrupt on level \(level), handler \(handler)"
        case .offLevel(let handler): "off-level handler \(handler), scheduled with i_sched"
        case .timer(let handler): "timer handler \(handler), started with tstart"
        case .timeout(let handler): "timeout function \(handler), scheduled with timeout"
        case .watchdog(let handler): "watchdog handler \(handler), started with w_start"
        }
    }

    public var handler: String {
        switch self {
        case .device(_, let h), .offLevel(let h), .timer(let h), .timeout(let h), .watchdog(let h): h
        }
    }
}
