import CFaultGuard
import Testing
import VMM
@testable import Validation

/// The page-state invariant holds on clean runs and catches a page table the VMM let go stale.
@Suite("Stress: page state agrees with the page table and the pins")
struct PageStateInvariantTests {
    @Test("Clean runs pass with a sweep after every few operations, with and without paging",
          arguments: [nil, 2 << 20] as [UInt64?])
    func cleanRunsPass(realMemory: UInt64?) throws {
        let config = StressConfiguration(seed: 5, operations: 1500, checkEvery: 5, gallocHeapBytes: 16 << 20,
                                         realMemoryBytes: realMemory)
        let outcome = try StressRunner(configuration: config).run()
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
    }

    @Test("A skipped PTE entry for a newly resident page is found")
    func missingPTEIsFound() throws {
        let runner = try StressRunner(configuration: StressConfiguration(operations: 10, checkEvery: 1))
        try runner.perform(.galloc(pages: 4))
        try runner.sweep()
        runner.kernel.vmm._skippedPageSyncs = 1
        // Pinning brings every page in: the first one's zero-fill sync is dropped.
        try runner.perform(.pin(pick: 0, kind: .shortTerm))
        #expect(runner.kernel.vmm._skippedPageSyncs == 0, "the pin synced no page")
        let violation = try #require(throws: InvariantViolation.self) { try runner.sweep() }
        #expect(violation.kind == .pageState)
        #expect(violation.detail.contains("no PTE"), "\(violation)")
    }

    @Test("A skipped C update is found")
    func staleChangeBitIsFound() throws {
        let runner = try StressRunner(configuration: StressConfiguration(operations: 10, checkEvery: 1))
        try runner.perform(.galloc(pages: 2))
        let region = try #require(runner.model.regions.first)
        let host = try #require(UnsafeMutableRawPointer(bitPattern: region.host))
        var byte: UInt8 = 0
        var fault = aixsim_fault()
        // A load makes the page resident with R only; the store after it is a change fault.
        #expect(aixsim_guarded_copy(&byte, host, 1, &fault) == 0)
        try runner.sweep()
        runner.kernel.vmm._skippedPageSyncs = 1
        byte = 7
        #expect(aixsim_guarded_copy(host, &byte, 1, &fault) == 0)
        let violation = try #require(throws: InvariantViolation.self) { try runner.sweep() }
        #expect(runner.kernel.vmm._skippedPageSyncs == 0)
        #expect(violation.kind == .pageState)
        #expect(violation.detail.contains("C=0"), "\(violation)")
    }

    @Test("Pinned in the page state but not in the model is found")
    func pinDisagreementIsFound() throws {
        let runner = try StressRunner(configuration: StressConfiguration(operations: 10, checkEvery: 1))
        try runner.perform(.galloc(pages: 2))
        let region = try #require(runner.model.regions.first)
        // A pin behind the model's back: the VMM is consistent, the model is not.
        runner.call("pin", [UInt64(region.host), UInt64(region.bytes)])
        let violation = try #require(throws: InvariantViolation.self) { try runner.sweep() }
        #expect(violation.kind == .pinCount || violation.kind == .pageState, "\(violation)")
    }
}
