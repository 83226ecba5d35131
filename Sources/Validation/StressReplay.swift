import Foundation

/// A replayable stress run: the configuration and the exact operations, as JSON
/// (`aixsim stress --replay FILE`).
public struct StressReplay: Hashable, Sendable, Codable {
    public static let formatVersion = 1
    public var format = Self.formatVersion
    public var configuration: StressConfiguration
    public var operations: [StressOperation]
    /// What the run broke when it was written, for the reader.
    public var violation: InvariantViolation?

    public init(configuration: StressConfiguration, operations: [StressOperation], violation: InvariantViolation?) {
        self.configuration = configuration
        self.operations = operations
        self.violation = violation
    }

    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    public static func decode(_ data: Data) throws -> StressReplay {
        try JSONDecoder().decode(StressReplay.self, from: data)
    }
}
