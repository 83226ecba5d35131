import ArgumentParser
import Foundation

/// Options shared by the commands that spread runs over worker processes (`explore`, `stress`):
/// how many at once, how long each may take, which shard of the run space, where results go.
struct CampaignOptions: ParsableArguments {
    @Option(name: .customLong("jobs"), help: "Worker processes at once (default: the number of cores).")
    var jobsGiven: Int?

    @Option(help: "Seconds a worker may take before its process group is killed.")
    var timeout: Double = 120

    @Option(help: ArgumentHelp("Run only shard K of N (runs i with i mod N = K-1), e.g. 2/8, for a CI matrix or job array.", valueName: "K/N"))
    var shard: Shard = .whole

    @Option(help: ArgumentHelp("Also write each run's result as one JSON line to FILE, for `aixsim merge`.", valueName: "file"))
    var results: String?

    func validate() throws {
        if let jobsGiven, jobsGiven < 1 { throw ValidationError("--jobs must be at least 1, not \(jobsGiven).") }
        guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds.") }
    }

    var jobs: Int { jobsGiven ?? ProcessInfo.processInfo.activeProcessorCount }

    /// Whether any option asked for more than one plain run in this process.
    var asked: Bool { jobsGiven != nil || shard != .whole || results != nil }

    func writeResults<Record: Encodable>(_ records: [Record]) throws {
        guard let results else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var text = ""
        for record in records { text += String(decoding: try encoder.encode(record), as: UTF8.self) + "\n" }
        do {
            try text.write(toFile: results, atomically: true, encoding: .utf8)
        } catch {
            var stderr = StandardError()
            print("aixsim: cannot write \(results): \(error)", to: &stderr)
            throw ExitCode(1)
        }
    }
}
