import ArgumentParser
import Foundation
import Kernel

extension AIXSim {
    /// `aixsim fuzz`: every export called with random and boundary arguments, to show that no
    /// argument a kext can pass takes aixsim down (docs/reports.md has the figures).
    struct Fuzz: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Call every kernel service with random and boundary arguments (a robustness check).",
            shouldDisplay: false)

        @Option(help: "How many service calls to make.")
        var calls: Int = 100_000

        @Option(help: "The seed: the same seed makes the same calls.")
        var seed: UInt64 = 1

        @Flag(help: "Print each call on standard error before making it (to find the one that kills aixsim).")
        var trace = false

        func run() throws {
            let fuzzer = try ServiceFuzzer(seed: seed)
            if trace {
                fuzzer.willCall = { name, arguments in
                    let text = arguments.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
                    FileHandle.standardError.write(Data("\(name)(\(text))\n".utf8))
                }
            }
            let start = ContinuousClock.now
            let summary = try fuzzer.run(calls: calls)
            let seconds = Double((ContinuousClock.now - start).components.attoseconds) / 1e18
                + Double((ContinuousClock.now - start).components.seconds)
            print("""
                calls: \(summary.calls) (\(summary.interruptLevelCalls) at interrupt level) over \
                \(summary.callsByService.count) services, seed \(seed)
                simulated crashes: \(summary.simulatedCrashes)
                seconds: \(String(format: "%.1f", seconds))
                aixsim deaths: 0
                """)
        }
    }
}
