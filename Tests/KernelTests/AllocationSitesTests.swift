import Testing
@testable import Kernel

/// Naming a call site is the dearest part of an xmalloc's fault-injection check, so sites are
/// remembered by return address; an unnamed answer only when no site can be named at all.
@Suite("Allocation sites: remembered by return address")
struct AllocationSitesTests {
    @Test("A named site is asked for once per return address, and listed once per service")
    func namedOnce() {
        var sites = AllocationSites()
        var asked = 0
        for address: UInt in [0x100, 0x100, 0x200, 0x100] {
            _ = sites.note(.xmalloc, returnAddress: address) {
                asked += 1
                return "f+0x\(String(address, radix: 16))"
            }
        }
        #expect(asked == 2)
        #expect(sites.ordered[.xmalloc] == ["f+0x100", "f+0x200"])
        #expect(sites.isLast(0x100))
        #expect(!sites.isLast(0x200))
    }

    @Test("Without a kext runtime an unnamed answer is remembered; with one it is asked again")
    func unnamedAnswers() {
        var bare = AllocationSites()
        var withRuntime = AllocationSites()
        var askedBare = 0
        var askedWithRuntime = 0
        for _ in 0..<3 {
            #expect(bare.note(.xmalloc, returnAddress: 0x100, noKextRuntime: true) { askedBare += 1; return nil } == nil)
            #expect(withRuntime.note(.xmalloc, returnAddress: 0x100) { askedWithRuntime += 1; return nil } == nil)
        }
        #expect(askedBare == 1)
        #expect(askedWithRuntime == 3)
        #expect(bare.ordered.isEmpty)
        #expect(withRuntime.ordered.isEmpty)
    }

    @Test("With no rule for a service, a call from the last call's address passes quietly; a rule stops that")
    func quietPass() {
        let free = FaultInjector(rules: [], seed: 1)
        #expect(!free.quietlyPasses(.xmalloc, returnAddress: 0x100))
        #expect(!free.shouldFail(.xmalloc, returnAddress: 0x100, site: { "f+0x10" }))
        #expect(free.quietlyPasses(.xmalloc, returnAddress: 0x100))
        #expect(!free.quietlyPasses(.xmalloc, returnAddress: 0x200))
        let ruled = FaultInjector(rules: [FaultInjection(service: .xmalloc, rule: .nth(2))], seed: 1)
        #expect(!ruled.shouldFail(.xmalloc, returnAddress: 0x100, site: { "f+0x10" }))
        #expect(!ruled.quietlyPasses(.xmalloc, returnAddress: 0x100))
        #expect(ruled.shouldFail(.xmalloc, returnAddress: 0x100, site: { "f+0x10" }))
    }
}
