import Foundation
import Testing
import KextFixtures
import Xmalloc
@testable import Kernel
@testable import KextLoader

/// Findings about a freed xmalloc block name every site of its life: where it was allocated,
/// where it was first freed, and the later use (a second xmfree, a write), each with its line.
@Suite("Free sites in xmalloc findings", .serialized)
struct FreeSiteTests {
    static let fixture = "xm_double_free_sites"

    static func line(_ marker: String) throws -> Int {
        try ReportSourceTests.line(of: marker, in: fixture)
    }

    static func checkDoubleFree(_ report: RunReport, allocation marker: String) throws {
        #expect(report.findings.map(\.kind) == [.xmallocDoubleFree])
        let finding = try #require(report.findings.first)
        let allocated = try line(marker)
        let first = try line("/* first free */")
        let second = try line("/* second free */")
        // The message alone names the three sites, in the order they happened.
        let message = finding.message
        let sites = ["(in xm_double_free_sites_entry+0x", "(xm_double_free_sites.c:\(second)))",
                     "allocated by xmalloc in", "(xm_double_free_sites.c:\(allocated))",
                     "first freed by xmfree in", "(xm_double_free_sites.c:\(first))"]
        for site in sites { #expect(message.contains(site), "\(site) missing from: \(message)") }
        let allocatedAt = try #require(message.range(of: "(xm_double_free_sites.c:\(allocated))"))
        let firstAt = try #require(message.range(of: "(xm_double_free_sites.c:\(first))"))
        #expect(allocatedAt.lowerBound < firstAt.lowerBound)
        // JSON carries each as a value: the record's sites and the finding's frame.
        let record = try #require(finding.xmalloc?.record)
        #expect(record.function.hasSuffix("(xm_double_free_sites.c:\(allocated))"))
        #expect(record.freedBy?.hasSuffix("(xm_double_free_sites.c:\(first))") == true)
        #expect(finding.frames?.first?.line == second)
        let data = try JSONEncoder().encode(finding)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let xmalloc = try #require(object["xmalloc"] as? [String: Any])
        let json = try #require(xmalloc["record"] as? [String: Any])
        #expect((json["freedBy"] as? String)?.contains("xm_double_free_sites.c:\(first)") == true)
    }

    @Test("A double free names the allocation, the first free and the second free, without debug")
    func withoutDebug() throws {
        try Self.checkDoubleFree(Fixture.run(Self.fixture), allocation: "/* plain allocation */")
    }

    @Test("A double free names all three sites at every debug level", arguments: XmallocDebugLevel.allCases)
    func atEveryLevel(level: XmallocDebugLevel) throws {
        let report = Fixture.run(Self.fixture, xmalloc: .init(debugLevel: level, seed: 1))
        try Self.checkDoubleFree(report, allocation: "/* plain allocation */")
    }

    @Test("A double free of a guard-page allocation (maximal) names all three sites")
    func guardPage() throws {
        let report = Fixture.run(Self.fixture, data: "guard", xmalloc: .init(debugLevel: .maximal, seed: 1))
        #expect(report.findings.first?.xmalloc?.record?.placement == "behind a guard page")
        try Self.checkDoubleFree(report, allocation: "/* guarded allocation */")
    }

    @Test("A write after xmfree names where the block was allocated and first freed")
    func writeAfterFree() throws {
        for level in [XmallocDebugLevel.minimal, .maximal] {
            let report = Fixture.run("xm_write_after_free", xmalloc: .init(debugLevel: level, seed: 0))
            let finding = try #require(report.findings.first { $0.kind == .xmallocWriteAfterFree })
            #expect(finding.message.contains("allocated by xmalloc in xm_write_after_free_entry+0x"))
            #expect(finding.message.contains("(xm_write_after_free.c:16) and first freed by xmfree in"))
            #expect(finding.message.contains("(xm_write_after_free.c:17)."))
        }
    }
}
