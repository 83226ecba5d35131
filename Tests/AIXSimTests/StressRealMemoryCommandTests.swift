import Foundation
import Testing

/// `aixsim stress --real-memory`: the summary says how many pins were refused with ENOMEM (each
/// as predicted), and the JSON carries the counts.
@Suite("aixsim stress --real-memory", .serialized)
struct StressRealMemoryCommandTests {
    @Test("Little real memory: every invariant holds, and the refused pins are counted in the text and the JSON")
    func refusedPinsAreReported() throws {
        let arguments = ["stress", "--seed", "1", "--ops", "3000", "--galloc-heap", "16M", "--real-memory", "512K"]
        let text = try AIXSimCommand.run(arguments)
        #expect(text.status == 0, "\(text.stdout)\(text.stderr)")
        #expect(text.stdout.contains("pins refused with ENOMEM as predicted"), "\(text.stdout)")
        #expect(text.stdout.contains("all invariants held"))
        let json = try AIXSimCommand.run(arguments + ["--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["refusedPins"] as? Int ?? 0) > 0, "\(json.stdout)")
        #expect((object["counts"] as? [String: Int])?["touch"] ?? 0 > 0)
    }
}
