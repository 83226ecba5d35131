import Foundation
import Testing

@Suite("aixsim bench --validation")
struct ValidationBenchTests {
    @Test("--validation adds the stress and explore rows, each all cores against one worker")
    func validationRows() throws {
        let result = try AIXSimCommand.run([
            "bench", "--json", "--iterations", "2000", "--repetitions", "1", "--xmalloc-iterations", "200",
            "--touch-pages", "16", "--no-startup", "--validation",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let mine = rows.filter { ($0["id"] as? String).map { ["stressOperation", "explore-hello", "explore-heapwar"].contains($0) } ?? false }
        #expect(mine.compactMap { $0["id"] as? String } == ["stressOperation", "explore-hello", "explore-heapwar"])
        for row in mine {
            #expect((row["nanoseconds"] as? Double ?? 0) > 0 && (row["baselineNanoseconds"] as? Double ?? 0) > 0)
            #expect((row["baseline"] as? String)?.hasSuffix("1 worker") == true)
        }
    }
}
