import ArgumentParser

/// `--shard K/N`: this invocation runs only the K-th of N interleaved slices of a campaign's run
/// space (run i belongs to slice i mod N + 1), so that N machines given K = 1…N between them run
/// every run exactly once, and `aixsim merge` adds their results up.
struct Shard: ExpressibleByArgument, Hashable, Sendable, CustomStringConvertible {
    let index: Int
    let count: Int

    static let whole = Shard(index: 1, count: 1)

    init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            return nil
        }
        self.init(index: k, count: n)
    }

    func owns(_ run: Int) -> Bool { run % count == index - 1 }

    /// The runs among `0..<total` this shard owns.
    func runs(of total: Int) -> [Int] { (0..<total).filter(owns) }

    var description: String { "\(index)/\(count)" }
}
