import Foundation

/// One seed of a `stress --jobs`/`--seeds` campaign, as `--results` writes it and `merge` reads it.
struct StressSeedRecord: Codable, Hashable, Sendable {
    var type = "stress-seed"
    var seed: UInt64
    /// The worker's command line, which reruns this seed alone.
    var reproduce: String
    /// The worker's summary; nil when the worker died without one.
    var report: StressReport?
    var workerFailure: String?
    var seconds: Double
}

/// Runs seeds in worker processes (`aixsim stress --seed S … --json`), `jobs` at a time.
struct StressCampaign: Sendable {
    let executable: String
    /// Every worker's arguments but `--seed`.
    let arguments: [String]
    let timeout: Double

    func run(seed: UInt64) -> StressSeedRecord {
        let argv = ["stress", "--seed", String(seed)] + arguments
        let output = TestWorker(executable: executable, arguments: argv + ["--json"], timeout: timeout).run()
        let reproduce = (["aixsim"] + argv).map(TestRunner.shellQuoted).joined(separator: " ")
        var record = StressSeedRecord(seed: seed, reproduce: reproduce, report: nil, workerFailure: nil,
                                      seconds: output.seconds)
        if case .exited = output.ending, let report = try? JSONDecoder().decode(StressReport.self, from: output.stdout) {
            record.report = report
        } else {
            record.workerFailure = RunObservation(output, timeout: timeout).spelling
        }
        return record
    }
}

/// A stress campaign's result: operations run, how fast, and each kind of violation once with
/// the seed whose shrunk reproduction is shortest. Built alike from one invocation's records and
/// from the records `aixsim merge` gathers.
struct StressCampaignSummary: Codable, Hashable, Sendable {
    struct Group: Codable, Hashable, Sendable {
        var signature: String
        var seeds: Int
        var seed: UInt64
        var reproduce: String
        /// The shrunk operation count and replay file of that seed, when it wrote one.
        var shrunkOperations: Int?
        var replayFile: String?
    }

    var seeds: Int
    var operations: Int
    var failingSeeds: Int
    var groups: [Group]
    /// Mean operations/s of one worker, checks on, as each measured itself.
    var operationsPerSecondPerWorker: Double
    /// Wall time of the invocation and what it came to, when one invocation ran them all.
    var seconds: Double?
    var jobs: Int?

    var operationsPerSecond: Double? {
        guard let seconds, seconds > 0 else { return nil }
        return Double(operations) / seconds
    }

    /// All workers together against one worker alone: the throughput over one worker's rate.
    var speedUp: Double? {
        guard let rate = operationsPerSecond, operationsPerSecondPerWorker > 0 else { return nil }
        return rate / operationsPerSecondPerWorker
    }

    init(_ records: [StressSeedRecord], seconds: Double? = nil, jobs: Int? = nil) {
        let records = records.sorted { $0.seed < $1.seed }
        seeds = records.count
        operations = records.compactMap(\.report?.operations).reduce(0, +)
        let rates = records.compactMap(\.report?.operationsPerSecond)
        operationsPerSecondPerWorker = rates.isEmpty ? 0 : (rates.reduce(0, +) / Double(rates.count)).rounded()
        var bySignature: [String: [StressSeedRecord]] = [:]
        for record in records {
            if let failure = record.workerFailure {
                bySignature["worker " + failure, default: []].append(record)
            } else if let violation = record.report?.violation {
                bySignature[violation.kind.rawValue, default: []].append(record)
            }
        }
        failingSeeds = bySignature.values.map(\.count).reduce(0, +)
        groups = bySignature.map { signature, hits in
            let best = hits.min { a, b in
                (a.report?.reproduction?.operations ?? Int.max, a.seed) < (b.report?.reproduction?.operations ?? Int.max, b.seed)
            }!
            return Group(signature: signature, seeds: hits.count, seed: best.seed, reproduce: best.reproduce,
                         shrunkOperations: best.report?.reproduction?.operations,
                         replayFile: best.report?.reproduction?.replayFile)
        }.sorted { ($0.seeds, $1.signature) > ($1.seeds, $0.signature) }
        self.seconds = seconds
        self.jobs = jobs
    }

    var text: String {
        var lines = ["stress: \(seeds) seeds, \(operations) operations, "
            + "\(Int(operationsPerSecondPerWorker)) operations/s per worker with checks on"]
        if let seconds, let rate = operationsPerSecond, let speedUp {
            lines.append("  \(jobs.map { "\($0) jobs, " } ?? "")\(String(format: "%.1f", seconds)) s, "
                + "\(Int(rate.rounded())) operations/s in all, speed-up \(String(format: "%.2f", speedUp))x over one worker")
        }
        if groups.isEmpty {
            lines.append("all invariants held on every seed")
        } else {
            lines.append("  \(failingSeeds) of \(seeds) seeds failed, \(groups.count) distinct "
                + (groups.count == 1 ? "violation" : "violations"))
        }
        for (number, group) in groups.enumerated() {
            var line = "[\(number + 1)] VIOLATION: \(group.signature): \(group.seeds) \(group.seeds == 1 ? "seed" : "seeds")"
            if let shrunk = group.shrunkOperations { line += ", shortest shrunk to \(shrunk) operations (seed \(group.seed))" }
            lines.append(line)
            lines.append("    reproduce: \(group.reproduce)")
            if let replay = group.replayFile { lines.append("    replay: aixsim stress --replay \(replay)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
