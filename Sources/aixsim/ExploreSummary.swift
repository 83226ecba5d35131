import Foundation

/// An exploration's result: each distinct failure once, with how many runs hit it and the
/// shortest command found that reproduces it. The same records give the same summary whether
/// one invocation ran them all or `aixsim merge` gathered them from shards.
struct ExploreSummary: Codable, Hashable, Sendable {
    struct Group: Codable, Hashable, Sendable {
        var signature: String
        var runs: Int
        var reproduce: String
        /// The run `reproduce` is, by its index in the whole campaign.
        var run: Int
    }

    var kext: String
    var runs: Int
    var runsByMode: [String: Int]
    var failingRuns: Int
    var groups: [Group]
    /// Wall-clock seconds, when one invocation ran the runs; nil after a merge.
    var seconds: Double?
    var jobs: Int?

    var runsPerSecond: Double? {
        guard let seconds, seconds > 0 else { return nil }
        return Double(runs) / seconds
    }

    init(_ records: [ExploreRecord], seconds: Double? = nil, jobs: Int? = nil) {
        let records = records.sorted { $0.run.index < $1.run.index }
        kext = records.first?.kext ?? ""
        runs = records.count
        runsByMode = Dictionary(grouping: records, by: \.run.mode.rawValue).mapValues(\.count)
        failingRuns = records.filter { !$0.signatures.isEmpty }.count
        var bySignature: [String: [ExploreRecord]] = [:]
        for record in records {
            for signature in record.signatures { bySignature[signature, default: []].append(record) }
        }
        groups = bySignature.map { signature, hits in
            // Shortest: fewest options changed, then the shorter command, then the earlier run.
            let best = hits.min { a, b in
                (a.run.options.count, a.reproduce.count, a.run.index)
                    < (b.run.options.count, b.reproduce.count, b.run.index)
            }!
            return Group(signature: signature, runs: hits.count, reproduce: best.reproduce, run: best.run.index)
        }.sorted { ($0.runs, $1.signature) > ($1.runs, $0.signature) }
        self.seconds = seconds
        self.jobs = jobs
    }

    var text: String {
        let modes = ExploreRun.Mode.allCases.compactMap { mode in
            runsByMode[mode.rawValue].map { "\($0) \(mode.rawValue)" }
        }.joined(separator: ", ")
        var head = "explore: \(kext), \(runs) runs (\(modes))"
        if let seconds, let rate = runsPerSecond {
            head += " in \(String(format: "%.1f", seconds)) s, \(String(format: "%.2f", rate)) runs/s"
                + (jobs.map { " with \($0) jobs" } ?? "")
        }
        var lines = [head]
        lines.append("  \(runs - failingRuns) clean, \(failingRuns) failing, "
            + "\(groups.count) distinct \(groups.count == 1 ? "failure" : "failures")")
        for (number, group) in groups.enumerated() {
            lines.append("[\(number + 1)] \(group.signature): \(group.runs) \(group.runs == 1 ? "run" : "runs")")
            lines.append("    reproduce: \(group.reproduce)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
