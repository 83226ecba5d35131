import ArgumentParser
import Foundation

extension AIXSim {
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load many kexts, each in its own worker process, and check each against the outcome it states.",
            discussion: """
                Each kext states its outcome in its first comment, `/* expect: OUTCOME */`, or in a \
                sidecar file NAME.expect beside NAME.c; OUTCOME is ok, crash KIND, findings KIND…, \
                entry-failed, load-error, compile-error or depends on --data. Options to run it with \
                follow `; with` on that line or a second line `args:`. See docs/validation.md.

                Exit status: 0 when every expectation held; 1 for any failure; 64 for a usage error.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json, ktap, junit
        }

        @Argument(help: "The kexts: .c files, or directories searched recursively for .c files.")
        var paths: [String]

        @Option(help: "Runs at once (default: the number of cores).")
        var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

        @Option(help: "Seconds a run may take before its worker's process group is killed and the run counts as a hang.")
        var timeout: Double = 60

        @Option(help: "The report's format.")
        var format: Format = .text

        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !paths.isEmpty else { throw ValidationError("Give at least one .c file or directory.") }
            guard jobs > 0 else { throw ValidationError("--jobs must be at least 1, not \(jobs).") }
            guard timeout > 0 else { throw ValidationError("--timeout must be a positive number of seconds.") }
            if output.json && format != .text && format != .json {
                throw ValidationError("--json and --format \(format.rawValue) both choose the output; give one.")
            }
        }

        func run() throws {
            let format = output.json ? .json : format
            let cases: [TestCase]
            do {
                cases = try TestCase.discover(paths)
            } catch {
                throw ValidationError("\(error).")
            }
            let start = Date()
            let progress = TestProgress(style: TestProgress.style(quietUnlessTerminal: format == .json),
                                        total: cases.count)
            let runner = TestRunner(cases: cases, executable: Self.executable, timeout: timeout, progress: progress)
            let results = runner.run(jobs: jobs)
            let summary = TestSummary(results, seconds: Date().timeIntervalSince(start))
            switch format {
            case .text: print(TestReportText.render(results, summary: summary), terminator: "")
            case .json: try printJSON(TestReportJSON(summary: summary, results: results))
            case .ktap: print(TestReportKTAP.render(results, summary: summary), terminator: "")
            case .junit: print(TestReportJUnit.render(results, summary: summary), terminator: "")
            }
            if summary.failed > 0 { throw ExitCode(1) }
        }

        /// This very executable, which the workers run as `aixsim load`.
        static var executable: String {
            if let path = Bundle.main.executablePath { return path }
            return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
        }
    }
}
