import ArgumentParser
import Kernel

extension AIXSim {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain a crash or finding kind: what it means, the AIX rule behind it, and the fix.")

        @Argument(help: "A crash or finding kind, as reports name it (e.g. dsi, xmalloc-leak); none: list them.")
        var kind: String?

        func run() throws {
            guard let kind else {
                for e in KindExplanation.all { print("\(e.kind.padding(toLength: 28, withPad: " ", startingAt: 0)) \(e.what)") }
                return
            }
            guard let e = KindExplanation.named(kind) else {
                var stderr = StandardError()
                print("aixsim: no kind '\(kind)'; `aixsim explain` lists them", to: &stderr)
                throw ExitCode(64)
            }
            print(ExplainText(e).text, terminator: "")
        }
    }
}

/// The explain text, shared by `aixsim explain` and the reports' closing lines.
struct ExplainText {
    let explanation: KindExplanation
    init(_ explanation: KindExplanation) { self.explanation = explanation }

    var text: String {
        "\(explanation.kind): \(explanation.what)\n  AIX rule: \(explanation.rule)\n  Fix: \(explanation.fix)\n"
    }
}
