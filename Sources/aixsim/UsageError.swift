import Foundation
import KextLoader

/// A command-line mistake found by aixsim itself rather than by ArgumentParser; it ends the
/// process the same way, so every usage error looks alike to a script.
struct UsageError: Error {
    /// EX_USAGE from sysexits.h: distinct from a load error's 1.
    static let status: Int32 = 64

    let message: String
    /// ArgumentParser's messages say nothing of where to look next; aixsim's own name their fix.
    let pointsToHelp: Bool
    init(_ message: String, pointsToHelp: Bool = false) {
        self.message = message
        self.pointsToHelp = pointsToHelp
    }

    /// One line on stderr, plus under `--json` one error document on stdout, so a consumer that
    /// always parses stdout still gets a document.
    func exit(arguments: [String]) -> Never {
        var stderr = StandardError()
        print("aixsim: \(message)" + (pointsToHelp ? " (see `aixsim help`)" : ""), to: &stderr)
        // With a second output format also asked for, stdout's format is itself the mistake.
        let otherFormat = arguments.contains { $0 == "--format" || $0.hasPrefix("--format=") }
        if arguments.contains("--json") && !otherFormat {
            let object = ["error": ["kind": "usage", "message": message]]
            if let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
                print(String(decoding: data, as: UTF8.self))
            }
        }
        Foundation.exit(Self.status)
    }

    /// A first word that names no subcommand, with the nearest name when one is close enough
    /// to be a slip of the keyboard.
    static func unknownSubcommand(in arguments: [String]) -> UsageError? {
        guard let word = arguments.first, !word.hasPrefix("-") else { return nil }
        let known = AIXSim.configuration.subcommands.map { $0._commandName } + ["help"]
        if known.contains(word) { return nil }
        let nearest = known.map { (name: $0, distance: ImportCheck.editDistance(word, $0)) }
            .filter { $0.distance <= 2 }
            .min { $0.distance < $1.distance }
        guard let nearest else { return UsageError("unknown subcommand '\(word)'", pointsToHelp: true) }
        return UsageError("unknown subcommand '\(word)'; did you mean '\(nearest.name)'?")
    }
}
