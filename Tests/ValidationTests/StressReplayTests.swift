import Testing
@testable import Validation

@Suite("Stress: determinism, replay files and the C kext")
struct StressReplayTests {
    @Test("The same seed gives the same digest; another seed another")
    func digestIsDeterministic() throws {
        let a = try StressRunner(configuration: StressConfiguration(seed: 5, operations: 1500)).run()
        let b = try StressRunner(configuration: StressConfiguration(seed: 5, operations: 1500)).run()
        let c = try StressRunner(configuration: StressConfiguration(seed: 6, operations: 1500)).run()
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
        #expect(a.digest.count == 16)
    }

    @Test("A replay file round-trips and replays to the same violation")
    func replayRoundTrip() throws {
        let config = StressConfiguration(seed: 2, operations: 3000, checkEvery: 50, plantedBugs: ["undersized-class"])
        var workload = StressWorkload(seed: config.seed)
        let operations = workload.operations(config.operations)
        let violation = try #require(try StressRunner(configuration: config).run(operations).violation)
        let replay = StressReplay(configuration: config, operations: operations, violation: violation)
        let decoded = try StressReplay.decode(try replay.encoded())
        #expect(decoded == replay)
        let again = try StressRunner(configuration: decoded.configuration).run(decoded.operations)
        #expect(again.violation == violation)
    }

    @Test("The C kext names every object the steps use and checks what was stored")
    func cKextText() throws {
        let config = StressConfiguration(seed: 3, operations: 400)
        var workload = StressWorkload(seed: config.seed)
        let outcome = try StressRunner(configuration: config, keepSteps: true).run(workload.operations(400))
        let text = CKextWriter.source(name: "repro", steps: outcome.steps, violation: nil)
        #expect(text.contains("int repro_entry(int cmd, struct uio *uiop)"))
        let xmallocs = outcome.steps.filter { if case .xmalloc = $0.operation { $0.target != nil } else { false } }.count
        #expect(text.components(separatedBy: "= xmalloc(").count - 1 == xmallocs)
        let loads = outcome.steps.filter { if case .load = $0.operation { $0.target != nil } else { false } }.count
        #expect(text.components(separatedBy: "if (differs(").count - 1 >= loads)
    }
}
