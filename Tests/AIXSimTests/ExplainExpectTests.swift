import Foundation
import Testing
import KextFixtures
@testable import Kernel

/// `aixsim explain KIND` and `load --expect`, run as a user would.
@Suite("explain and --expect", .serialized)
struct ExplainExpectTests {
    @Test("Every crash and finding kind has its explanation, rule and fix")
    func everyKindExplained() {
        let kinds = Crash.Kind.allCases.map(\.rawValue) + Finding.Kind.allCases.map(\.rawValue)
        for kind in kinds {
            let e = KindExplanation.named(kind)
            #expect(e != nil, "no explanation for \(kind)")
            #expect(e?.fix.isEmpty == false)
        }
    }

    @Test("aixsim explain prints the same rule and fix the crash report ends with")
    func explainMatchesReport() throws {
        let explain = try AIXSimCommand.run(["explain", "dsi"])
        #expect(explain.status == 0)
        let rule = KindExplanation.of(Crash.Kind.dsi)
        #expect(explain.stdout.contains(rule.rule) && explain.stdout.contains(rule.fix))
        let report = try AIXSimCommand.run(["load", Fixture.path("overrun")])
        #expect(report.stdout.contains("AIX rule: \(rule.rule)") && report.stdout.contains("Fix: \(rule.fix)"))
        let unknown = try AIXSimCommand.run(["explain", "nonsense"])
        #expect(unknown.status != 0 && unknown.stderr.contains("nonsense"))
    }

    @Test("--expect exits 0 when the outcome matches, else one mismatch line and status 5")
    func expectOutcome() throws {
        let match = try AIXSimCommand.run(["load", Fixture.path("overrun"), "--expect", "crash:dsi"])
        #expect(match.status == 0)
        let wrong = try AIXSimCommand.run(["load", Fixture.path("overrun"), "--expect", "ok"])
        #expect(wrong.status == 5)
        #expect(wrong.stderr == "aixsim: expected ok, got crash:dsi\n")
        let finding = try AIXSimCommand.run(["load", Fixture.path("xm_leak"), "--expect", "findings:xmalloc-leak"])
        #expect(finding.status == 0)
        let otherKind = try AIXSimCommand.run(["load", Fixture.path("overrun"), "--expect", "crash:watchdog"])
        #expect(otherKind.status == 5)
        let bad = try AIXSimCommand.run(["load", Fixture.path("overrun"), "--expect", "crash:bogus"])
        #expect(bad.status == 64 && bad.stderr.contains("--expect"))
    }
}
