import ArgumentParser
import Foundation

@main
struct AIXSim: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aixsim",
        abstract: "Load AIX 5L kernel extensions written in C and check them against AIX's kernel rules.",
        discussion: """
            aixsim emulates the memory subsystem of the 64-bit AIX 5L kernel: global memory from \
            vm_galloc/vm_gfree, with faults reported as AIX would take them. Kexts are compiled \
            against aixsim's AIX headers and run natively.
            """,
        version: "0.1.0",
        subcommands: [Load.self, Test.self, Stress.self, Explore.self, Merge.self, Services.self, Bench.self, Explain.self, Cflags.self, CC.self, Fuzz.self],
        defaultSubcommand: nil)

    /// Usage errors exit 64 (EX_USAGE) with one line on stderr, so a script can tell a mistyped
    /// command line from a kext that failed to load (1); help and version keep their usual output.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = UsageError.unknownSubcommand(in: arguments) { unknown.exit(arguments: arguments) }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let usage as UsageError {
            usage.exit(arguments: arguments)
        } catch {
            if exitCode(for: error) == .validationFailure {
                let text = message(for: error).split(separator: "\n").first.map(String.init) ?? "usage error"
                UsageError(text, pointsToHelp: true).exit(arguments: arguments)
            }
            exit(withError: error)
        }
    }
}

/// `--json` and friends, shared by the subcommands that print reports.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print one JSON object on standard output instead of the human report.")
    var json = false
}
