/// One operation as it actually ran: what it acted on and what came back, by the serial
/// numbers the run gave its objects. The C-kext writer turns these into statements.
public struct StressStep: Hashable, Sendable, Codable {
    public var operation: StressOperation
    /// The object acted on (block, region) or created; nil when the operation did nothing.
    public var target: Int?
    /// The private heap an xmalloc used.
    public var heap: Int?
    /// The service's result: 0/errno, or for a pointer the effective address (0 for NULL).
    public var result: Int64
}
