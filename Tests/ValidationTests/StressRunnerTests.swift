import Testing
@testable import Validation

@Suite("Stress: the workload against the reference model")
struct StressRunnerTests {
    @Test("A clean allocator passes a seeded run with every check on")
    func cleanRunPasses() throws {
        let outcome = try StressRunner(configuration: StressConfiguration(seed: 7, operations: 2000, checkEvery: 50)).run()
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        #expect(outcome.operationsRun == 2000)
        #expect((outcome.counts["xmalloc"] ?? 0) > 300 && (outcome.counts["xmfree"] ?? 0) > 200)
    }
}
