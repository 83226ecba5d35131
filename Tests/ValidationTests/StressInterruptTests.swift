import Foundation
import Kernel
import KextLoader
import Testing
@testable import Validation

/// Stress operations issued by interrupt handlers: an off-level handler (i_sched, also under
/// i_disable) and a timer (talloc/tstart), doing only what AIX allows at interrupt level.
@Suite("Stress: operations at interrupt level")
struct StressInterruptTests {
    /// A pinned_heap block stored and read back by each kind of handler, and a short-term pin
    /// undone by an off-level handler.
    static let sequence: [StressOperation] = [
        .xmalloc(heap: .pinned, size: 100, align: 0),
        .interrupt(source: .timer, work: .store(pick: 0)),
        .interrupt(source: .offLevel, work: .load(pick: 0)),
        .interrupt(source: .offLevelDeferred, work: .load(pick: 0)),
        .galloc(pages: 2),
        .pin(pick: 0, kind: .shortTerm),
        .interrupt(source: .offLevelDeferred, work: .unpin(pick: 0)),
        .interrupt(source: .timer, work: .unpin(pick: 0)),
    ]

    @Test("Each handler runs once, at interrupt level, and its work is checked like process-level work")
    func handlersRun() throws {
        let config = StressConfiguration(seed: 1, operations: Self.sequence.count, checkEvery: 1)
        let runner = try StressRunner(configuration: config, keepSteps: true)
        let outcome = runner.run(Self.sequence)
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        // Every interrupt operation but the last found its object; the last had no pin left to undo.
        let done = outcome.steps.filter { if case .interrupt = $0.operation { $0.target != nil } else { false } }
        #expect(done.count == 4)
        #expect(done.allSatisfy { $0.result == 1 }, "a handler ran other than once: \(done)")
        #expect(outcome.counts["timer store"] == 1 && outcome.counts["deferred off-level unpin"] == 1)
        #expect(runner.kernel.cpu.environment == .process && runner.kernel.cpu.priority == .INTBASE)
        #expect(runner.kernel.crash == nil)
    }

    @Test("A seeded run issues interrupt operations from every source and all invariants hold")
    func seededRun() throws {
        let outcome = try StressRunner(configuration: StressConfiguration(seed: 9, operations: 4000, checkEvery: 100)).run()
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        for source in StressInterruptSource.allCases {
            let issued = outcome.counts.filter { $0.key.hasPrefix(source.name + " ") }.values.reduce(0, +)
            #expect(issued > 0, "no \(source.name) operations in \(outcome.counts)")
        }
    }

    @Test("A handler touching a pinned_heap block whose pages were unpinned behind the model's back is a violation")
    func unpinnedMemoryAtInterruptLevel() throws {
        let config = StressConfiguration(seed: 1, operations: 2, checkEvery: 0)
        let runner = try StressRunner(configuration: config)
        try runner.perform(.xmalloc(heap: .pinned, size: 64, align: 0))
        let block = try #require(runner.model.blocks.first)
        let region = try #require(runner.kernel.vmm.region(containing: block.ea))
        // What a missed pin in the allocator would leave: pinned_heap memory that is not pinned.
        _ = runner.kernel.vmm.unpin(region.start, length: Int64(region.size), kind: .shortTerm)
        _ = runner.kernel.vmm.unpin(region.start, length: Int64(region.size), kind: .longTerm)
        #expect(!runner.kernel.vmm.isPinned(block.ea, length: 64))
        do {
            try runner.perform(.interrupt(source: .timer, work: .store(pick: 0)))
            Issue.record("a store at interrupt level into unpinned memory went unnoticed")
        } catch {
            #expect(error.kind == .unpinnedPinnedHeap && error.detail.contains("interrupt level"), "\(error)")
        }
    }

    @Test("The C kext does the interrupt operations in a real handler and loads cleanly")
    func cKextHasHandlers() throws {
        let config = StressConfiguration(seed: 1, operations: Self.sequence.count, checkEvery: 1)
        let outcome = try StressRunner(configuration: config, keepSteps: true).run(Self.sequence)
        let text = CKextWriter.source(name: "irq_repro", steps: outcome.steps, violation: nil)
        #expect(text.contains("static int stress_offlevel(struct intr *i)"))
        #expect(text.contains("tstart(timer);"))
        let dir = FileManager.default.temporaryDirectory.appending(path: "irq-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "irq_repro.c")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let report = KextRun.run(LoadRequest(kext: file.path, entry: "irq_repro_entry"))
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "") \(String(describing: report.crash)) \(report.console)")
        // The handlers' work ran at interrupt level: the unpin is traced there.
        let unpins = report.calls.filter { $0.service == "unpin" }
        #expect(unpins.contains { $0.context?.contains("interrupt level") == true }, "\(unpins)")
        #expect(report.calls.filter { $0.service == "i_sched" }.count == 3)
    }
}
