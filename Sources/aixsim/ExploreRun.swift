import Foundation

/// One run of an exploration: the `aixsim load` options that make it differ from the others.
struct ExploreRun: Codable, Hashable, Sendable {
    enum Mode: String, Codable, Sendable, CaseIterable {
        /// The kext as it is, to learn how many allocations it makes.
        case baseline
        /// One allocation call failed (the Nth xmalloc or vm_galloc), as Linux's failslab does.
        case failslab
        /// The first allocation from one call site failed (`--fail xmalloc:site=…`), each site
        /// once, as failslab's per-site mode.
        case failsite
        /// What is pending on the clock (timers, timeouts) arrives after the kext's Kth call.
        case arrival
        /// Seeded random choices of everything the kernel controls.
        case random
    }

    var index: Int
    var mode: Mode
    var options: [String]

    /// The command a person runs to see this run's full report.
    func command(kext: String) -> String {
        (["aixsim", "load", kext] + options).map(TestRunner.shellQuoted).joined(separator: " ")
    }
}

/// What one run of an exploration found, as `explore --results` writes it, one JSON line per run,
/// and as `aixsim merge` reads it back.
struct ExploreRecord: Codable, Hashable, Sendable {
    var type = "explore-run"
    var kext: String
    var run: ExploreRun
    var outcome: String
    /// One per distinct problem the run showed; empty when it showed none.
    var signatures: [String]
    var seconds: Double

    var reproduce: String { run.command(kext: kext) }
}
