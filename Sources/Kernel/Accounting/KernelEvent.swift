/// A line of the run's timeline: what the kernel did on its own (delivered an interrupt, ran a
/// timer), placed after the call it followed.
public struct KernelEvent: Codable, Sendable {
    /// The number of service calls made before this event.
    public let afterCall: Int
    public let phase: String
    public let time: SimulatedTime
    public let text: String
    /// The kext code the event ran or stopped in (a handler's first line, the instruction an
    /// exception was delivered from): function and, with `-g`, file and line.
    public var source: KextFrame?

    public init(afterCall: Int, phase: String, time: SimulatedTime, text: String, source: KextFrame? = nil) {
        self.afterCall = afterCall
        self.phase = phase
        self.time = time
        self.text = text
        self.source = source
    }
}
