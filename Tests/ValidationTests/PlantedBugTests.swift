import Testing
@testable import Validation

/// Proof that stress finds bugs: each planted allocator bug is found within a bounded number
/// of operations, from several seeds, and shrunk to a short sequence that still shows it.
@Suite("Stress: planted allocator bugs are found and shrunk")
struct PlantedBugTests {
    static let bugs: [(String, InvariantViolation.Kind)] = [
        ("undersized-class", .overlap), ("release-busy-chunk", .outsideRegion),
    ]

    @Test("Each planted bug is found within 3000 operations", arguments: Self.bugs.map(\.0), [1, 2, 3] as [UInt64])
    func found(bug: String, seed: UInt64) throws {
        let config = StressConfiguration(seed: seed, operations: 3000, checkEvery: 50, plantedBugs: [bug])
        let outcome = try StressRunner(configuration: config).run()
        let violation = try #require(outcome.violation, "planted \(bug) went unnoticed with seed \(seed)")
        let expected = Self.bugs.first { $0.0 == bug }!.1
        #expect(violation.kind == expected || violation.kind == .contents, "\(violation)")
    }

    @Test("A found bug shrinks to a short sequence that still breaks the same rule", arguments: Self.bugs.map(\.0))
    func shrinks(bug: String) throws {
        let config = StressConfiguration(seed: 11, operations: 3000, checkEvery: 50, plantedBugs: [bug])
        var workload = StressWorkload(seed: config.seed)
        let operations = workload.operations(config.operations)
        let violation = try #require(try StressRunner(configuration: config).run(operations).violation)
        var shrinker = Shrinker(configuration: config)
        let shrunk = shrinker.shrink(operations, kind: violation.kind, failingStep: violation.step)
        #expect(shrunk.count <= 12, "shrunk to \(shrunk.count): \(shrunk)")
        #expect(shrinker.violation(of: shrunk)?.kind == violation.kind)
        // 1-minimal: dropping any one operation loses the failure.
        for i in shrunk.indices {
            var fewer = shrunk
            fewer.remove(at: i)
            #expect(shrinker.violation(of: fewer)?.kind != violation.kind, "operation \(i) of \(shrunk) is not needed")
        }
    }

    @Test("Without a planted bug the same seeds pass")
    func cleanSeedsPass() throws {
        for seed: UInt64 in [1, 2, 3, 11] {
            let outcome = try StressRunner(configuration: StressConfiguration(seed: seed, operations: 3000, checkEvery: 50)).run()
            #expect(outcome.violation == nil, "seed \(seed): \(String(describing: outcome.violation))")
        }
    }
}
