import Testing
@testable import Kernel
import VMM

/// The trace counts every call per service in place (no copy-on-write check per call); what the
/// kernel hands out must still behave as a value.
@Suite("Kernel: per-service call counts", .serialized)
struct CallTraceCountTests {
    @Test("Counts are exact past the trace's limit, and a trace taken earlier keeps its own counts")
    func countsAndSnapshots() throws {
        let kernel = try Kernel(configuration: Kernel.Configuration(traceLimit: 2))
        let kext = kernel.registerKext(named: "counter")
        let gfree = try exportIndex("vm_gfree")
        for _ in 0..<5 {
            let r = kernel.call(gfree, from: kext, ServiceArguments([0, 4096]))
            #expect(r.value == Int64(AIXErrno.invalidArgument.rawValue))
        }
        let before = kernel.trace
        #expect(before.callsByService == ["vm_gfree": 5])
        #expect(before.totalCalls == 5 && before.records.count == 2 && before.droppedCalls == 3)

        for _ in 0..<3 { _ = kernel.call(gfree, from: kext, ServiceArguments([0, 4096])) }
        #expect(kernel.trace.callsByService == ["vm_gfree": 8])
        #expect(kernel.trace.totalCalls == 8)
        #expect(before.callsByService == ["vm_gfree": 5], "a trace taken earlier does not see later calls")
        #expect(before.totalCalls == 5)
    }
}
