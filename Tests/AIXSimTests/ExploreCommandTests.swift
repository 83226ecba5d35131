import Foundation
import Testing
@testable import aixsim
import KextFixtures

/// `aixsim explore` on a real C kext that leaks only when its second xmalloc fails, and the
/// pure parts: signature grouping and the shard split.
@Suite("aixsim explore", .serialized)
struct ExploreCommandTests {
    static let kext = Fixture.path("leak_on_alloc_failure")

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("failslab fails each xmalloc once and finds the one leak, once, with the nth=2 command")
    func failslabFindsPlantedLeak() throws {
        let run = try AIXSimCommand.run(["explore", Self.kext, "--mode", "failslab", "--jobs", "2"])
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        // The baseline and one run per xmalloc call (three of them).
        #expect(run.stdout.contains("4 runs (1 baseline, 3 failslab)"), "\(run.stdout)")
        #expect(run.stdout.contains("3 clean, 1 failing, 1 distinct failure"), "\(run.stdout)")
        #expect(run.stdout.contains("(leak_on_alloc_failure.c:14)"), "\(run.stdout)")
        #expect(run.stdout.contains("reproduce: aixsim load \(Self.kext) --fail xmalloc:nth=2"), "\(run.stdout)")

        // The printed command reproduces the failure on its own.
        let again = try AIXSimCommand.run(["load", Self.kext, "--fail", "xmalloc:nth=2", "--json"])
        #expect(again.status == 4)
        #expect(again.stdout.contains("xmalloc-leak"))
    }

    @Test("--json gives the same groups, and a kext without failures exits 0")
    func jsonAndClean() throws {
        let run = try AIXSimCommand.run(["explore", Self.kext, "--mode", "failslab", "--json"])
        let object = try Self.json(run.stdout)
        let groups = try #require(object["groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        #expect(groups.first?["runs"] as? Int == 1)
        #expect((groups.first?["reproduce"] as? String)?.hasSuffix("--fail xmalloc:nth=2") == true)

        let clean = try AIXSimCommand.run(["explore", "hello", "--runs", "2", "--jobs", "2"])
        #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
        #expect(clean.stdout.contains("0 failing, 0 distinct failures"), "\(clean.stdout)")
        #expect(clean.stdout.contains("2 random"), "\(clean.stdout)")
    }

    @Test("Two shards' results merge into the summary one run prints")
    func shardsMerge() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "explore-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["explore", Self.kext, "--runs", "3", "--json", "--jobs", "2"]
        let whole = try Self.json(try AIXSimCommand.run(common).stdout)
        var files: [String] = []
        for k in 1...2 {
            let file = dir.appending(path: "shard\(k).jsonl").path
            files.append(file)
            let shard = try AIXSimCommand.run(common + ["--shard", "\(k)/2", "--results", file])
            #expect(shard.status == 0 || shard.status == 2, "\(shard.stderr)")
        }
        let lines = try files.map { try String(contentsOfFile: $0, encoding: .utf8).split(separator: "\n").count }
        #expect(lines.reduce(0, +) == whole["runs"] as? Int)
        let merged = try AIXSimCommand.run(["merge", "--json"] + files)
        #expect(merged.status == 2)
        var mergedObject = try Self.json(merged.stdout)
        var wholeObject = whole
        for key in ["seconds", "jobs"] {
            mergedObject[key] = nil
            wholeObject[key] = nil
        }
        #expect(NSDictionary(dictionary: mergedObject).isEqual(to: wholeObject), "\(merged.stdout)")
        let text = try AIXSimCommand.run(["merge"] + files)
        #expect(text.stdout.contains("xmalloc-leak at "))
        #expect(try AIXSimCommand.run(["merge", dir.appending(path: "missing").path]).status == 64)
    }

    @Test("Runs that fail alike group under one signature, reproduced by the shortest command")
    func grouping() {
        func record(_ index: Int, _ options: [String], _ signatures: [String]) -> ExploreRecord {
            ExploreRecord(kext: "k.c", run: ExploreRun(index: index, mode: .random, options: options),
                          outcome: signatures.isEmpty ? "ok" : "findings", signatures: signatures, seconds: 0)
        }
        let summary = ExploreSummary([
            record(0, [], []),
            record(1, ["--seed", "1", "--fail", "xmalloc:p=0.3"], ["xmalloc-leak at f+0x10"]),
            record(2, ["--fail", "xmalloc:nth=2"], ["xmalloc-leak at f+0x10", "crash dsi at g+0x4"]),
            record(3, ["--fail", "xmalloc:nth=3"], ["xmalloc-leak at f+0x10"]),
        ])
        #expect(summary.runs == 4 && summary.failingRuns == 3)
        #expect(summary.groups.map(\.signature) == ["xmalloc-leak at f+0x10", "crash dsi at g+0x4"])
        #expect(summary.groups.map(\.runs) == [3, 1])
        #expect(summary.groups.first?.reproduce == "aixsim load k.c --fail xmalloc:nth=2")
        #expect(summary.groups.first?.run == 2)
    }

    @Test("Shards split the runs disjointly and cover them all; bad shards are refused")
    func shardSplit() throws {
        let shards = (1...3).map { Shard(index: $0, count: 3) }
        let owned = shards.map { $0.runs(of: 10) }
        #expect(owned.flatMap { $0 }.sorted() == Array(0..<10))
        #expect(owned[0] == [0, 3, 6, 9])
        #expect(Shard(argument: "0/2") == nil && Shard(argument: "3/2") == nil && Shard(argument: "x") == nil)
        #expect(try AIXSimCommand.run(["explore", "hello", "--shard", "3/2"]).status == 64)
    }

    @Test("A random run's options come from its seed alone")
    func randomPlanIsReproducible() {
        let plan = ExplorePlan(modes: [.random, .failslab], randomRuns: 5, seed: 7, common: ["--data", "x"],
                               maxFailslabCalls: 2)
        let runs = plan.runs(baselineCallCounts: ["xmalloc": 5, "vm_galloc": 1])
        #expect(runs == plan.runs(baselineCallCounts: ["xmalloc": 5, "vm_galloc": 1]))
        #expect(runs.filter { $0.mode == .failslab }.map { $0.options.last } ==
            ["xmalloc:nth=1", "xmalloc:nth=2", "vm_galloc:nth=1"])
        #expect(runs.map(\.index) == Array(0..<runs.count))
        #expect(runs.allSatisfy { $0.options.starts(with: ["--data", "x"]) })
        #expect(runs.last?.options.contains("11") == true)
    }
}
