import Foundation
import Testing

/// `aixsim bench --json` carries every figure with its same-run baseline. No timing is asserted:
/// the machine is shared, so only the presence and shape of the figures are checked.
@Suite("aixsim bench")
struct BenchCommandTests {
    @Test("bench --json has every row of issue 10, each with a baseline and ratio")
    func jsonHasEveryFigure() throws {
        let result = try AIXSimCommand.run([
            "bench", "--json", "--iterations", "2000", "--repetitions", "1", "--xmalloc-iterations", "200",
            "--touch-pages", "16",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        let ids = rows.compactMap { $0["id"] as? String }
        #expect(ids == [
            "serviceCall", "xmalloc64Minimal", "xmalloc1MBMinimal", "xmalloc64Maximal", "xmalloc1MBMaximal",
            "translateHit", "translateMiss", "translateHitFull", "gallocPair", "firstTouch", "loadHello",
        ])
        for row in rows {
            let ns = try #require(row["nanoseconds"] as? Double)
            let base = try #require(row["baselineNanoseconds"] as? Double)
            let ratio = try #require(row["ratio"] as? Double)
            #expect(ns > 0 && base > 0)
            #expect(abs(ratio - ns / base) <= 1e-9 * max(1, ratio))
            #expect(row["baseline"] is String && row["measure"] is String)
        }
        let goals = rows.filter { $0["goal"] is String }.compactMap { $0["id"] as? String }
        #expect(goals == ["serviceCall", "xmalloc64Minimal", "xmalloc1MBMinimal", "xmalloc64Maximal",
                          "xmalloc1MBMaximal", "translateHit", "translateMiss"])
    }
}
