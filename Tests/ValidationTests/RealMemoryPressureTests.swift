import Foundation
import Kernel
import KextLoader
import Testing
@testable import Validation

/// `--real-memory` pressure aimed at pinning: pages go out and come back, pinning brings pages
/// in and keeps them, and a pin that needs more frames than are left unpinned fails with
/// ENOMEM exactly when the run predicts it.
@Suite("Stress: real-memory pressure meets pinning")
struct RealMemoryPressureTests {
    static let enomem = 12

    @Test("With 16 frames: pins fill them, the next pin is refused as predicted, a touch that would halt is not made, an unpin makes room")
    func everyFramePinned() throws {
        let config = StressConfiguration(seed: 1, operations: 10, checkEvery: 1, gallocHeapBytes: 4 << 20,
                                         realMemoryBytes: 64 << 10)
        let operations: [StressOperation] = [
            .galloc(pages: 8), .galloc(pages: 8), .galloc(pages: 2),
            .touch(pick: 2),
            .pin(pick: 0, kind: .shortTerm), .pin(pick: 1, kind: .longTerm),
            .pin(pick: 2, kind: .shortTerm),
            .touch(pick: 2),
            .unpin(pick: 0, kind: .shortTerm),
            .pin(pick: 2, kind: .shortTerm),
            .touch(pick: 2),
        ]
        let runner = try StressRunner(configuration: config, keepSteps: true)
        let outcome = runner.run(operations)
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        let pins = outcome.steps.filter { $0.operation.name.hasSuffix("pin") && !$0.operation.name.contains("un") }.map(\.result)
        #expect(pins == [0, 0, Int64(Self.enomem), 0])
        try Self.expectKextReplays(outcome.steps, realMemory: 64 << 10)
        // Region 3's page was stolen by the pins, so the touch that would need a frame was refused;
        // once pinned, it was brought back with the byte the first touch stored.
        let touches = outcome.steps.filter { $0.operation.name == "touch" }.map(\.result)
        // (The third touch checked the first one's byte on the way: a difference is a violation.)
        #expect(touches.count == 3 && touches[1] == -1 && touches[0] > 0 && touches[2] == touches[0], "\(touches)")
    }

    @Test("Seeded runs with little real memory pass every check, with pins refused and pages paged in", arguments: [1, 2] as [UInt64])
    func seededPressure(seed: UInt64) throws {
        let config = StressConfiguration(seed: seed, operations: 3000, checkEvery: 10, gallocHeapBytes: 16 << 20,
                                         realMemoryBytes: 512 << 10)
        let runner = try StressRunner(configuration: config, keepSteps: true)
        let outcome = runner.run()
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        #expect(outcome.steps.contains { $0.operation.name.hasSuffix("pin") && $0.result == Int64(Self.enomem) },
                "no pin was refused: the run never ran short of frames")
        #expect((outcome.counts["touch"] ?? 0) > 0)
        #expect(runner.kernel.pageFaultCounts(of: runner.kext).pageIns > 0)
    }

    @Test("A pin whose outcome differs from the prediction is a violation, either way")
    func predictionIsChecked() throws {
        let runner = try StressRunner(configuration: StressConfiguration(operations: 1, checkEvery: 0))
        try runner.perform(.galloc(pages: 4))
        let region = try #require(runner.model.regions.first)
        #expect(throws: InvariantViolation.self) {
            try runner.checkPinOutcome(region, name: "pin", result: Int64(Self.enomem), before: (frames: 100, pinned: 0), needed: 4)
        }
        #expect(throws: InvariantViolation.self) {
            try runner.checkPinOutcome(region, name: "pin", result: 0, before: (frames: 100, pinned: 98), needed: 4)
        }
        do {
            try runner.checkPinOutcome(region, name: "pin", result: 0, before: (frames: 100, pinned: 0), needed: 4)
            Issue.record("a region whose pages are not resident passed as pinned")
        } catch {
            #expect(error.kind == .pageState, "\(error)")
        }
    }

    /// The C kext of the steps loads cleanly on a machine with the same real memory: the same
    /// pins, the same refusal, the touches' bytes read back.
    static func expectKextReplays(_ steps: [StressStep], realMemory: UInt64) throws {
        let text = CKextWriter.source(name: "pressure", steps: steps, violation: nil)
        #expect(text.contains("touchregion("))
        let dir = FileManager.default.temporaryDirectory.appending(path: "pressure-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "pressure.c")
        try text.write(to: file, atomically: true, encoding: .utf8)
        var kernel = Kernel.Configuration(gallocHeapBytes: 4 << 20)
        kernel.realMemoryBytes = realMemory
        let report = KextRun.run(LoadRequest(kext: file.path, entry: "pressure_entry", kernel: kernel))
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "") \(String(describing: report.crash)) \(report.console)")
        #expect(report.calls.filter { $0.service == "pin" }.map(\.result) == [0, Int64(enomem), 0])
    }
}
