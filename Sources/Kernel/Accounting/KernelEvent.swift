/// A line of the run's timeline: what the kernel did on its own (delivered an interrupt, ran a
/// timer), placed after the call it followed.
public struct KernelEvent: Codable, Sendable {
    /// The number of service calls made before this event.
    public let afterCall: Int
    public let phase: String
    public let time: SimulatedTime
    public let text: String
}
