import Foundation
import Testing

@Suite("aixsim stress", .serialized)
struct StressCommandTests {
    @Test("A clean run exits 0, prints its digest, and the same seed prints the same digest in JSON")
    func cleanRunAndDigest() throws {
        let text = try AIXSimCommand.run(["stress", "--seed", "4", "--ops", "800"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("all invariants held"))
        let json = try AIXSimCommand.run(["stress", "--seed", "4", "--ops", "800", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let digest = try #require(object["digest"] as? String)
        #expect(text.stdout.contains("digest \(digest)"))
        #expect(object["operations"] as? Int == 800)
    }

    @Test("A planted bug exits 2 and writes a replay file that replays to the same violation, and a C kext that loads")
    func failureWritesReproduction() throws {
        let dir = FileManager.default.temporaryDirectory.appending(path: "stress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try AIXSimCommand.run(["stress", "--seed", "3", "--ops", "3000", "--plant-bug", "undersized-class",
                                         "--out", dir.path])
        #expect(run.status == 2)
        #expect(run.stdout.contains("VIOLATION: blocks overlap"))
        let replay = try AIXSimCommand.run(["stress", "--replay", dir.appending(path: "stress_3.json").path,
                                            "--out", dir.path])
        #expect(replay.status == 2 && replay.stdout.contains("VIOLATION: blocks overlap"))
        let kext = try AIXSimCommand.run(["load", dir.appending(path: "stress_3.c").path])
        #expect(kext.status == 0, "\(kext.stdout)\(kext.stderr)")
        #expect(kext.stdout.contains("xmalloc(size="))
    }

    @Test("A bad --fail rule or unknown planted bug is a usage error")
    func usageErrors() throws {
        #expect(try AIXSimCommand.run(["stress", "--fail", "nonsense"]).status == 64)
        #expect(try AIXSimCommand.run(["stress", "--plant-bug", "nonsense"]).status == 64)
    }
}
