import Foundation
import PowerArch
import Testing
import KextFixtures
@testable import Kernel
@testable import KextLoader
@testable import aixsim
import ExecutionEnvironment
import Xmalloc

/// xmalloc, xmfree and init_heap as kexts call them through <sys/malloc.h>: the rules, the
/// two-layer findings, the debug levels and fault injection, each with a real C kext.
/// Serialized: kexts run under the process's fault-signal handlers.
@Suite("xmalloc services from C kexts", .serialized)
struct XmallocServiceTests {
    // MARK: - Services

    @Test("kernel_heap, pinned_heap and an init_heap heap allocate, align, and free cleanly")
    func basic() throws {
        let report = Fixture.run("xm_basic")
        #expect(report.outcome == .ok, "CFG_INIT returned \(String(describing: report.entry.`init`))")
        #expect(report.results(of: "xmfree") == [0, 0, 0, 0, 0])
        // Reports show effective addresses, never host pointers.
        let first = try #require(report.calls.first { $0.service == "xmalloc" })
        #expect(first.resultText == "0xF100000040000000")
        #expect(first.arguments.map(\.value) == ["128", "3", "kernel_heap"])
        // The trace shows the heap growing from galloc, and giving whole pages back at xmfree.
        #expect(first.detail?.contains("kernel_heap took galloc region #1 (64 KB at 0xF100000040000000)") == true)
        #expect(report.calls.contains { $0.service == "xmfree" && $0.detail?.contains("gave 1 galloc region back") == true })
        // pinned_heap's memory is pinned through the VMM's pin counts while the kext holds it.
        let pinned = try #require(report.xmalloc?.heaps.first { $0.name == "pinned_heap" })
        #expect(!pinned.regions.isEmpty && pinned.regions.allSatisfy { $0.pinnedPages == Int($0.size / 4096) })
        let kernel = try #require(report.xmalloc?.heaps.first { $0.name == "kernel_heap" })
        #expect(kernel.regions.allSatisfy { $0.pinnedPages == 0 }, "kernel_heap is pageable")
        #expect(report.xmalloc?.heaps.contains { $0.name == "private heap #1" } == true)
    }

    @Test("Bad sizes, alignments and init_heap areas give NULL; a private heap holds only its area")
    func argumentRules() {
        let report = Fixture.run("xm_rules", data: "args")
        #expect(report.outcome == .ok, "CFG_INIT returned \(String(describing: report.entry.`init`))")
        #expect(report.results(of: "init_heap").prefix(4) == [0, 0, 0, 0])
    }

    @Test("xmalloc, xmfree and init_heap are process-environment only: disabled, they crash the system",
          arguments: [("disabled", "xmalloc"), ("xmfree-disabled", "xmfree"), ("init_heap-disabled", "init_heap")])
    func environment(mode: String, service: String) {
        let report = Fixture.run("xm_rules", data: mode)
        #expect(report.outcome == .crash)
        #expect(report.crash?.kind == .environmentViolation)
        #expect(report.crash?.service == service)
    }

    // MARK: - Findings, both layers

    @Test("An allocation still owned at CFG_TERM is an xmalloc leak with its record and region")
    func leak() throws {
        let report = Fixture.run("xm_leak")
        #expect(report.outcome == .findings)
        let leaks = report.findings.filter { $0.kind == .xmallocLeak }
        #expect(leaks.count == 1)
        let layers = try #require(leaks.first?.xmalloc)
        let record = try #require(layers.record)
        #expect(record.heap == "kernel_heap" && record.size == 100 && record.align == 4)
        #expect(record.kext == "xm_leak" && record.sequence == 1)
        #expect(record.function.hasPrefix("remember_buffer") || record.function.hasPrefix("xm_leak_entry"))
        let galloc = try #require(layers.galloc)
        #expect(galloc.owner == "kernel_heap")
        #expect(galloc.regionStart <= record.address && record.address < galloc.regionStart.advanced(by: galloc.regionSize))
    }

    @Test("xmfree mistakes return -1 and are findings with both layers",
          arguments: [("double", Finding.Kind.xmallocDoubleFree), ("interior", .xmallocFreeOfUnallocated),
                       ("wrong", .xmallocWrongHeap), ("notheap", .xmallocUninitialisedHeap)])
    func badFrees(mode: String, kind: Finding.Kind) throws {
        let report = Fixture.run("xm_bad_frees", data: mode)
        #expect(report.entry.`init` == 0, "the bad xmfree returned -1 and xmalloc on a non-heap NULL")
        #expect(report.results(of: "xmfree").contains(-1))
        #expect(report.findings.map(\.kind) == [kind])
        if kind != .xmallocUninitialisedHeap {
            let layers = try #require(report.findings.first?.xmalloc)
            #expect(layers.record?.size == 64 && layers.record?.heap == "kernel_heap")
            #expect(layers.galloc?.owner == "kernel_heap")
        }
        if kind == .xmallocWrongHeap { #expect(report.findings.first?.xmalloc?.namedHeap == "pinned_heap") }
    }

    @Test("Freeing kernel_heap memory that is still pinned is a finding; pinned_heap memory is pinned")
    func pinnedFree() throws {
        let report = Fixture.run("xm_pinned_free")
        #expect(report.entry.`init` == 0, "pin/unpin of pinned_heap memory and both frees succeed")
        #expect(report.findings.map(\.kind) == [.xmallocFreeOfPinned])
        let layers = try #require(report.findings.first?.xmalloc)
        #expect(layers.record?.size == 8192)
        #expect(layers.galloc?.pinnedPages == 2)
    }

    // MARK: - Debug levels

    @Test("A trailer catches a one-byte overrun at xmfree (maximal)")
    func overrun() throws {
        let report = Fixture.run("xm_debug", data: "overrun", xmalloc: .init(debugLevel: .maximal, seed: 1))
        #expect(report.findings.map(\.kind) == [.xmallocOverrun])
        #expect(report.findings.first?.xmalloc?.record?.debug.contains("trailer") == true)
        #expect(report.findings.first?.ea == EffectiveAddress(0xF100_0000_4000_0064))
        // Without the debug level the same bug goes unseen, as on AIX without xmalloc debug.
        #expect(Fixture.run("xm_debug", data: "overrun").findings.isEmpty)
    }

    @Test("Free-fill catches a write after free when the block is reused (maximal)")
    func writeAfterFree() throws {
        let report = Fixture.run("xm_debug", data: "uaf", xmalloc: .init(debugLevel: .maximal, seed: 1))
        #expect(report.findings.map(\.kind) == [.xmallocWriteAfterFree])
        #expect(report.findings.first?.xmalloc?.record?.sequence == 1)
        #expect(report.findings.first?.ea == EffectiveAddress(0xF100_0000_4000_0005))
        #expect(Fixture.run("xm_debug", data: "uaf").findings.isEmpty)
    }

    @Test("A write after xmfree that nothing reuses is caught at unload, at every debug level",
          arguments: XmallocDebugLevel.allCases)
    func writeAfterFreeAtUnload(level: XmallocDebugLevel) throws {
        let report = Fixture.run("xm_write_after_free", xmalloc: .init(debugLevel: level, seed: 0))
        #expect(report.findings.map(\.kind) == [.xmallocWriteAfterFree])
        let finding = try #require(report.findings.first)
        #expect(finding.ea == EffectiveAddress(0xF100_0000_4000_0009))
        // Both ends of the block's life, with their source lines.
        #expect(finding.xmalloc?.record?.function.contains("xm_write_after_free.c:16") == true)
        #expect(finding.xmalloc?.record?.freedBy?.contains("xm_write_after_free.c:17") == true)
        #expect(finding.message.contains("freed by xmfree in"))
        #expect(Fixture.run("xm_write_after_free").findings.isEmpty, "no debug level, no check")
    }

    @Test("A read after xmfree of a guard-page allocation is a DSI naming the allocation and its free")
    func readAfterFree() throws {
        let report = Fixture.run("xm_read_after_free", xmalloc: .init(debugLevel: .maximal, seed: 1))
        let crash = try #require(report.crash)
        #expect(crash.kind == .dsi && crash.access == .load)
        #expect(crash.message.contains("in xmalloc allocation #"))
        #expect(crash.message.contains("freed by xmfree in xm_read_after_free_entry"))
        #expect(crash.message.contains("xm_read_after_free.c:41"))
        #expect(crash.explanation.contains("already returned with xmfree"))
        let record = try #require(crash.xmalloc?.record)
        #expect(record.size == 100 && record.heap == "kernel_heap" && record.placement == "behind a guard page")
        #expect(record.function.contains("xm_read_after_free.c:"))
        #expect(record.freedBy?.contains("xm_read_after_free.c:41") == true)
        #expect(crash.xmalloc?.galloc != nil)
        let json = String(decoding: try JSONEncoder().encode(crash), as: UTF8.self)
        #expect(json.contains("\"freedBy\""))
    }

    @Test("A guard page turns an overrun into a DSI at the access (maximal)")
    func guardPage() {
        let report = Fixture.run("xm_debug", data: "guard", xmalloc: .init(debugLevel: .maximal, seed: 3))
        #expect(report.outcome == .crash)
        #expect(report.crash?.kind == .dsi && report.crash?.access == .store)
        #expect(report.console.first?.hasPrefix("guarded allocation") == true)
        // The DSI report names the xmalloc allocation the store ran off.
        #expect(report.crash?.explanation.contains("first byte past the end of xmalloc allocation #") == true)
        #expect(report.crash?.explanation.contains("placed against a guard page") == true)
    }

    @Test("The same seed replays the same layout; minimal keeps the plain allocator's layout",
          arguments: XmallocDebugLevel.allCases)
    func layout(level: XmallocDebugLevel) {
        let a = Fixture.run("xm_debug", data: "layout", xmalloc: .init(debugLevel: level, seed: 42))
        let b = Fixture.run("xm_debug", data: "layout", xmalloc: .init(debugLevel: level, seed: 42))
        #expect(a.outcome == .ok && a.console.count > 20)
        #expect(a.console == b.console)
        if level == .minimal {
            #expect(a.console == Fixture.run("xm_debug", data: "layout").console)
        }
    }

    // MARK: - Fault injection

    @Test("--fail xmalloc:nth=3 fails exactly the third xmalloc")
    func injectNth() {
        let report = Fixture.run("xm_inject", xmalloc: .init(failures: [FaultInjection(parsing: "xmalloc:nth=3")!]))
        #expect(report.console == ["xx-xxxxxxx gggggggggg\n"])
        #expect(report.xmalloc?.injectedFailures == ["xmalloc": 1])
        #expect(report.calls.filter { $0.service == "xmalloc" }[2].detail?.contains("injected") == true)
    }

    @Test("--fail vm_galloc:p=… is seeded: the same seed fails the same calls")
    func injectProbability() {
        let rule = FaultInjection(parsing: "vm_galloc:p=0.5")!
        let a = Fixture.run("xm_inject", xmalloc: .init(seed: 9, failures: [rule]))
        let b = Fixture.run("xm_inject", xmalloc: .init(seed: 9, failures: [rule]))
        #expect(a.console == b.console)
        #expect(a.console.first?.hasPrefix("xxxxxxxxxx ") == true)
        #expect(a.console.first?.contains("-") == true && a.console.first?.contains("g") == true)
        let all = Fixture.run("xm_inject", xmalloc: .init(failures: [FaultInjection(parsing: "vm_galloc:every=1")!]))
        #expect(all.console == ["xxxxxxxxxx ----------\n"])
        #expect(all.results(of: "vm_galloc").allSatisfy { $0 == 12 }, "ENOMEM")
    }

    // MARK: - Competition for the galloc heap

    @Test("heapwar: exhaustion makes xmalloc fail, frees bring it back, fragmentation blocks large requests")
    func heapwar() {
        let report = KextRun.run(LoadRequest(kext: "heapwar", kernel: .init(gallocHeapBytes: 8 << 20)))
        #expect(report.outcome == .ok)
        #expect(report.console.contains("exhausted: xmalloc(64, 0, kernel_heap) = NULL\n"))
        #expect(report.console.contains { $0.hasPrefix("after freeing every other region: xmalloc(64, 0, kernel_heap) = memory") })
        #expect(report.console.contains("fragmented: xmalloc(200 KB) = NULL\n"))
        #expect(report.console.contains("after freeing the rest: xmalloc(200 KB) = memory\n"))
    }

    // MARK: - Seeing it

    @Test("The global-memory map of a 16 GB heap with thousands of regions draws every region")
    func map() throws {
        var configuration = Kernel.Configuration(gallocHeapBytes: 16 << 30, traceLimit: 100)
        configuration.xmalloc.collectMemoryMap = true
        let report = KextRun.run(LoadRequest(kext: Fixture.path("xm_many"), entry: "xm_many_entry", kernel: configuration))
        #expect(report.outcome == .ok)
        let memory = try #require(report.xmalloc?.globalMemory)
        #expect(memory.regions.count > 2000)
        #expect(memory.regions.contains { $0.heap == "pinned_heap" && $0.pinnedPages > 0 })
        let svg = GlobalMemorySVG(memory, title: "xm_many").svg
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<title>region #").count - 1 == memory.regions.count)
        #expect(svg.components(separatedBy: "<title>free:").count - 1 == memory.freeRanges.count)
        #expect(svg.components(separatedBy: "<title>guard page").count - 1 == memory.regions.count)
    }
}
