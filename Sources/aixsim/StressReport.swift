import Foundation
import Validation

/// What `aixsim stress` prints: the summary, and where a failure's reproduction went.
struct StressReport: Codable, Hashable, Sendable {
    var seed: UInt64
    var operations: Int
    var digest: String
    var operationsPerSecond: Double
    var failedAllocations: Int
    /// Optional so results written before they were kept still decode.
    var refusedPins: Int?
    var refusedTouches: Int?
    var counts: [String: Int]
    var violation: InvariantViolation?
    var reproduction: StressReproduction?

    init(outcome: StressOutcome, seconds: Double) {
        seed = outcome.configuration.seed
        operations = outcome.operationsRun
        digest = outcome.digest
        operationsPerSecond = seconds > 0 ? (Double(outcome.operationsRun) / seconds).rounded() : 0
        failedAllocations = outcome.failedAllocations
        refusedPins = outcome.refusedPins
        refusedTouches = outcome.refusedTouches
        counts = outcome.counts
        violation = outcome.violation
    }

    var text: String {
        var lines = ["stress: seed \(seed), \(operations) operations, digest \(digest), "
            + "\(Int(operationsPerSecond)) operations/s with checks on"]
        lines.append("  " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            + "; \(failedAllocations) allocations refused"
            + ((refusedPins ?? 0) > 0 ? ", \(refusedPins!) pins refused with ENOMEM as predicted" : "")
            + ((refusedTouches ?? 0) > 0 ? ", \(refusedTouches!) touches not made (every frame pinned)" : ""))
        if let violation {
            lines.append("VIOLATION: \(violation)")
            if let r = reproduction {
                lines.append("  shrunk from \(r.originalOperations) to \(r.operations) operations (\(r.shrinkRuns) runs)")
                lines.append("  replay: aixsim stress --replay \(r.replayFile)")
                lines.append("  as a kext: aixsim load \(r.kextFile)")
            }
        } else {
            lines.append("all invariants held")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// A shrunk failure, written out.
struct StressReproduction: Codable, Hashable, Sendable {
    var originalOperations: Int
    var operations: Int
    var shrinkRuns: Int
    var replayFile: String
    var kextFile: String

    static func write(configuration: StressConfiguration, operations: [StressOperation],
                      violation: InvariantViolation, directory: String) throws -> StressReproduction
    {
        var shrinker = Shrinker(configuration: configuration)
        let shrunk = shrinker.shrink(operations, kind: violation.kind, failingStep: violation.step)
        var replayed = configuration
        replayed.operations = shrunk.count
        replayed.checkEvery = 1
        let outcome = try StressRunner(configuration: replayed, keepSteps: true).run(shrunk)
        let name = "stress_\(configuration.seed)"
        let dir = URL(fileURLWithPath: directory)
        // --out names where the files go; a directory not made yet is made, as mkdir -p would.
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let replayURL = dir.appendingPathComponent("\(name).json")
        let kextURL = dir.appendingPathComponent("\(name).c")
        try StressReplay(configuration: replayed, operations: shrunk, violation: outcome.violation ?? violation)
            .encoded().write(to: replayURL)
        try CKextWriter.source(name: name, steps: outcome.steps, violation: outcome.violation ?? violation)
            .write(to: kextURL, atomically: true, encoding: .utf8)
        return StressReproduction(originalOperations: (violation.step ?? operations.count) + 1, operations: shrunk.count,
                                  shrinkRuns: shrinker.runs, replayFile: replayURL.path, kextFile: kextURL.path)
    }
}
