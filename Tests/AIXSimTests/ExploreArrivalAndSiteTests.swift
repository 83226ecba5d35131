import Foundation
import Kernel
import KextFixtures
import Testing
@testable import aixsim

/// `aixsim explore`'s per-site failslab and arrival modes, on real C kexts whose bug shows at
/// one failing call site or at one arrival point only.
@Suite("aixsim explore: call sites and arrival times", .serialized)
struct ExploreArrivalAndSiteTests {
    @Test("failsite fails each call site once and finds the leak that failing the first calls in order misses")
    func failsiteFindsTheOneSite() throws {
        let kext = Fixture.path("leak_at_one_site")
        let run = try AIXSimCommand.run(["explore", kext, "--mode", "failsite", "--jobs", "2"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        // Two call sites (the loop's and the descriptor's), however many calls the loop makes.
        #expect(run.stdout.contains("3 runs (1 baseline, 2 failsite)"), "\(run.stdout)")
        #expect(run.stdout.contains("2 clean, 1 failing, 1 distinct failure"), "\(run.stdout)")
        let line = try #require(run.stdout.split(separator: "\n").first { $0.contains("reproduce:") })
        #expect(line.contains("--fail xmalloc:site=leak_at_one_site_entry+0x"), "\(line)")

        // The printed command reproduces it alone.
        let command = line.split(separator: " ").drop { $0 != "load" }.dropFirst(2).map(String.init)
        let again = try AIXSimCommand.run(["load", kext, "--json"] + command)
        #expect(again.status == 4, "\(again.stdout)")
        #expect(again.stdout.contains("xmalloc-leak"))

        // Failing calls by number, as far as the loop goes, finds nothing.
        let nth = try AIXSimCommand.run(["explore", kext, "--mode", "failslab", "--max-calls", "16", "--jobs", "2"])
        #expect(nth.status == 0, "\(nth.stdout)")
        #expect(nth.stdout.contains("0 failing"), "\(nth.stdout)")
    }

    @Test("arrival moves the timer after each service call in turn and finds the one point where it crashes")
    func arrivalFindsTheOnePoint() throws {
        let kext = Fixture.path("timer_race")
        let run = try AIXSimCommand.run(["explore", kext, "--mode", "arrival", "--jobs", "2"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        // After the xmfree and after the xmalloc whose result is not stored yet: one bug, two runs.
        #expect(run.stdout.contains("2 failing, 1 distinct failure"), "\(run.stdout)")
        #expect(run.stdout.contains(": 2 runs\n"), "\(run.stdout)")
        #expect(run.stdout.contains("crash dsi") || run.stdout.contains("dsi at tick"), "\(run.stdout)")
        #expect(run.stdout.contains("reproduce: aixsim load \(kext) --arrival-call 5\n"), "\(run.stdout)")
        let arrivals = try #require(run.stdout.firstMatch(of: /, (\d+) arrival\)/)?.1)
        #expect(Int(arrivals)! >= 9, "one run per service call of the baseline: \(run.stdout)")

        let again = try AIXSimCommand.run(["load", kext, "--arrival-call", "5", "--json"])
        #expect(again.status == 3, "\(again.stdout)")
        #expect(again.stdout.contains("\"kind\" : \"dsi\""), "\(again.stdout)")
        // Before the window or after it, the handler finds a block.
        for k in ["4", "7"] {
            #expect(try AIXSimCommand.run(["load", kext, "--arrival-call", k]).status == 0, "--arrival-call \(k)")
        }
    }

    @Test("arrival brings the run's device interrupt in after each service call and finds the one registered before its buffer")
    func arrivalMovesDeviceInterrupts() throws {
        let kext = Fixture.path("intr_before_buffer")
        let run = try AIXSimCommand.run(["explore", kext, "--interrupt", "5", "--mode", "arrival", "--jobs", "2"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        // After i_init and after the xmalloc whose result is not stored yet: one bug, two runs.
        #expect(run.stdout.contains("2 failing, 1 distinct failure"), "\(run.stdout)")
        #expect(run.stdout.contains("crash dsi at intr_before_buffer.c:22 in sample_interrupt"), "\(run.stdout)")
        #expect(run.stdout.contains("reproduce: aixsim load \(kext) --interrupt 5 --arrival-call 2\n"), "\(run.stdout)")

        // In the usual order (after CFG_INIT), and arriving before i_init, the interrupt is
        // handled once, without a crash.
        for extra in [[], ["--arrival-call", "1"]] {
            let ok = try AIXSimCommand.run(["load", kext, "--interrupt", "5", "--json"] + extra)
            #expect(ok.status == 0, "\(extra): \(ok.stdout)")
        }
        let early = try AIXSimCommand.run(["load", kext, "--interrupt", "5", "--arrival-call", "4"])
        #expect(early.status == 0, "\(early.stdout)")
        // Brought in early, the interrupt is not raised a second time after CFG_INIT.
        #expect(early.stdout.components(separatedBy: "device interrupt on level 5").count - 1 == 1, "\(early.stdout)")
        #expect(try AIXSimCommand.run(["explore", kext, "--interrupt", "5@"]).status == 64)
    }

    @Test("The plan: one failsite run per site, one arrival run per call when the kext uses a timer, random runs may move arrival")
    func plan() {
        let plan = ExplorePlan(modes: [.failsite, .arrival, .random], randomRuns: 40, seed: 3, common: [],
                               maxFailslabCalls: 4)
        let sites = ["xmalloc": ["a+0x10", "b+0x20"], "vm_galloc": ["c+0x4"]]
        let runs = plan.runs(baselineCallCounts: ["xmalloc": 9, "tstart": 1], sites: sites)
        #expect(runs.filter { $0.mode == .failsite }.map { $0.options.last } ==
            ["xmalloc:site=a+0x10", "xmalloc:site=b+0x20", "vm_galloc:site=c+0x4"])
        #expect(runs.filter { $0.mode == .arrival }.map { $0.options.last } == ["1", "2", "3", "4"])
        #expect(runs.contains { $0.mode == .random && $0.options.contains("--arrival-call") })
        // No timer, nothing to move.
        let still = plan.runs(baselineCallCounts: ["xmalloc": 9], sites: sites)
        #expect(!still.contains { $0.mode == .arrival || $0.options.contains("--arrival-call") })
    }

    @Test("--fail SERVICE:site=… parses and prints back; an empty site is refused; --arrival-call 0 is a usage error")
    func ruleAndOption() throws {
        let rule = try #require(FaultInjection(parsing: "xmalloc:site=f+0x1c"))
        #expect(rule.rule == .site("f+0x1c") && rule.description == "xmalloc:site=f+0x1c")
        #expect(FaultInjection(parsing: "xmalloc:site=") == nil)
        #expect(try AIXSimCommand.run(["load", "hello", "--arrival-call", "0"]).status == 64)
    }
}
