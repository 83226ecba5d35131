import ArgumentParser
import Foundation

extension AIXSim {
    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Combine the --results files of a campaign's shards into the summary one run would print.",
            discussion: """
                Each FILE holds JSON lines from `aixsim explore --results` or `aixsim stress --results`, \
                typically one file per shard (--shard K/N). All files must come from the same kind of \
                campaign. Wall-clock figures are left out: the shards ran apart.

                Exit status as the campaign's: 0 when nothing failed, 64 for a usage error or an \
                unreadable file, 2 when some run failed.
                """)

        @Argument(help: "The result files.")
        var files: [String]

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("Give at least one results file.") }
        }

        func run() throws {
            let lines: [String]
            do {
                lines = try files.flatMap { file in
                    try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
                        .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
                }
            } catch {
                throw ValidationError("cannot read the results: \(error.localizedDescription)")
            }
            let decoder = JSONDecoder()
            struct Kind: Decodable { let type: String }
            let types = Set(try lines.map { try decoder.decode(Kind.self, from: Data($0.utf8)).type })
            guard types.count <= 1 else {
                throw ValidationError("the files mix campaigns (\(types.sorted().joined(separator: ", "))); merge each kind apart.")
            }
            let failed: Bool
            switch types.first {
            case "explore-run":
                let records = try lines.map { try decoder.decode(ExploreRecord.self, from: Data($0.utf8)) }
                let summary = ExploreSummary(Self.unique(records, by: \.run.index))
                if output.json { try printJSON(summary) } else { print(summary.text, terminator: "") }
                failed = summary.failingRuns > 0
            case "stress-seed":
                let records = try lines.map { try decoder.decode(StressSeedRecord.self, from: Data($0.utf8)) }
                let summary = StressCampaignSummary(Self.unique(records, by: \.seed))
                if output.json { try printJSON(summary) } else { print(summary.text, terminator: "") }
                failed = summary.failingSeeds > 0
            case nil:
                throw ValidationError("the files hold no results.")
            case let other?:
                throw ValidationError("unknown result type '\(other)'.")
            }
            if failed { throw ExitCode(2) }
        }

        /// A shard's file given twice, or two overlapping shards, must not count runs twice.
        static func unique<Record, Key: Hashable>(_ records: [Record], by key: KeyPath<Record, Key>) -> [Record] {
            var seen = Set<Key>()
            return records.filter { seen.insert($0[keyPath: key]).inserted }
        }
    }
}
