/// How a stress run ended.
public struct StressOutcome: Sendable {
    public var configuration: StressConfiguration
    public var operationsRun: Int
    public var digest: String
    public var violation: InvariantViolation?
    /// Each operation as it ran, when the run was asked to keep them.
    public var steps: [StressStep]
    /// Operations run by name, and how many of the allocating ones failed (NULL, ENOSPC…).
    public var counts: [String: Int]
    public var failedAllocations: Int
    public var samples: [StressSample]
    /// Pins refused with ENOMEM, each as predicted, and touches not made because every frame
    /// held a pinned page (StressRunner+RealMemory.swift).
    public var refusedPins = 0
    public var refusedTouches = 0
}
