import Foundation
import Testing
@testable import aixsim

/// `aixsim stress --jobs/--seeds`: seeds in worker processes, one summary, shards and merge.
@Suite("aixsim stress campaigns", .serialized)
struct StressCampaignTests {
    @Test("--jobs 2 runs two seeds in workers and sums them, with a speed-up; merge of the results agrees")
    func jobsAndMerge() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "stress-jobs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appending(path: "r.jsonl").path
        let run = try AIXSimCommand.run(["stress", "--jobs", "2", "--ops", "400", "--results", file, "--out", dir.path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("stress: 2 seeds, 800 operations"), "\(run.stdout)")
        #expect(run.stdout.contains("speed-up"), "\(run.stdout)")
        #expect(run.stdout.contains("all invariants held on every seed"))
        let merged = try AIXSimCommand.run(["merge", file, "--json"])
        #expect(merged.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) as? [String: Any])
        #expect(object["operations"] as? Int == 800 && object["seeds"] as? Int == 2)
        #expect(object["seconds"] == nil)

        // A seed alone gives the digest it gave inside the campaign.
        let line = try #require(try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").first)
        let record = try JSONDecoder().decode(StressSeedRecord.self, from: Data(line.utf8))
        let alone = try AIXSimCommand.run(["stress", "--seed", String(record.seed), "--ops", "400", "--json"])
        #expect(alone.stdout.contains(record.report?.digest ?? "no digest"))
    }

    @Test("Violations across shards group by kind, with the shortest shrunk seed, in text and JSON")
    func violationsGroup() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "stress-shards-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var files: [String] = []
        for k in 1...2 {
            let file = dir.appending(path: "s\(k).jsonl").path
            files.append(file)
            let run = try AIXSimCommand.run(["stress", "--seed", "3", "--seeds", "2", "--shard", "\(k)/2", "--jobs", "1",
                                             "--ops", "3000", "--plant-bug", "undersized-class",
                                             "--results", file, "--out", dir.path])
            #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        }
        let merged = try AIXSimCommand.run(["merge"] + files)
        #expect(merged.status == 2)
        #expect(merged.stdout.contains("stress: 2 seeds, "), "\(merged.stdout)")
        #expect(merged.stdout.contains("VIOLATION: blocks overlap: 2 seeds, shortest shrunk to"), "\(merged.stdout)")
        #expect(merged.stdout.contains("replay: aixsim stress --replay"))
        let json = try AIXSimCommand.run(["merge", "--json"] + files)
        #expect(json.stdout.contains("\"failingSeeds\" : 2"), "\(json.stdout)")
        // A mixed set of files is refused.
        let explore = dir.appending(path: "e.jsonl").path
        try #"{"type":"explore-run"}"#.write(toFile: explore, atomically: true, encoding: .utf8)
        #expect(try AIXSimCommand.run(["merge", files[0], explore]).status == 64)
    }
}

@Suite("aixsim stress --plot", .serialized)
struct StressPlotTests {
    @Test("--plot writes an SVG with a panel per quantity over the run's operations, and a PNG when asked")
    func plot() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "stress-plot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgPath = dir.appending(path: "run.svg").path
        let run = try AIXSimCommand.run(["stress", "--seed", "2", "--ops", "1500", "--plot", svgPath])
        #expect(run.status == 0, "\(run.stderr)")
        let svg = try String(contentsOfFile: svgPath, encoding: .utf8)
        for name in ["galloc: kernel_heap", "xmalloc live: pinned_heap", "fragmentation", "pinned pages", "page faults"] {
            #expect(svg.contains(">\(name)<"), "no panel for \(name)")
        }
        #expect(svg.components(separatedBy: "<polygon").count - 1 == 9)
        #expect(svg.contains(">1500<"))
        #expect(try AIXSimCommand.run(["stress", "--plot", svgPath, "--jobs", "2"]).status == 64)
        let pngPath = dir.appending(path: "run.png").path
        let png = try AIXSimCommand.run(["stress", "--seed", "2", "--ops", "300", "--plot", pngPath])
        if png.status == 0 {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: pngPath))
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        } else {
            #expect(png.stderr.contains("rsvg"), "\(png.stderr)")
        }
    }
}
