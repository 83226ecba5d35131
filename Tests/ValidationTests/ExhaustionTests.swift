import PowerArch
import Testing
import VMM
@testable import Validation

/// After the galloc heap is exhausted, freeing everything gives back exactly the free ranges it had.
@Suite("Stress: freeing everything after exhaustion restores full capacity")
struct ExhaustionTests {
    @Test("Exhausting takes every page that could hold a region")
    func exhaustionTakesEverything() throws {
        let runner = try StressRunner(configuration: StressConfiguration(gallocHeapBytes: 4 << 20))
        for pages in [3, 1, 7, 2] { try runner.perform(.galloc(pages: pages)) }
        try runner.perform(.gfree(pick: 1))
        let before = runner.kernel.vmm.freeRanges
        let taken = try runner.exhaust()
        #expect(taken.count > 1)
        #expect(runner.kernel.vmm.freeRanges.allSatisfy { StressRunner.pages(in: $0) < 2 },
                "\(runner.kernel.vmm.freeRanges)")
        for (host, bytes) in taken { #expect(runner.call("vm_gfree", [host, UInt64(bytes)]).value == 0) }
        #expect(runner.kernel.vmm.freeRanges == before)
    }

    @Test("The phase passes mid-run and at the end, on a fragmented heap")
    func phasePasses() throws {
        let config = StressConfiguration(seed: 3, operations: 1200, checkEvery: 100, gallocHeapBytes: 16 << 20,
                                         exhaustEvery: 300)
        let outcome = try StressRunner(configuration: config).run()
        #expect(outcome.violation == nil, "\(String(describing: outcome.violation))")
        #expect(outcome.operationsRun == 1200)
    }

    @Test("A region left behind after the final free is reported")
    func strayRegionIsFound() throws {
        let runner = try StressRunner(configuration: StressConfiguration(operations: 1))
        // Allocated behind the model's back, so the final free does not know it.
        #expect(runner.call("vm_galloc", [UInt64(GallocFlags.working.rawValue), 4096,
                                          UInt64(UInt(bitPattern: runner.eaddr))]).value == 0)
        let violation = try #require(throws: InvariantViolation.self) { try runner.exhaustAndRestore() }
        #expect(violation.kind == .capacity)
        #expect(violation.detail.contains("still live"), "\(violation)")
    }
}
