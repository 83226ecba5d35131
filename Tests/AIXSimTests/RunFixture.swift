import KextFixtures
@testable import Kernel
@testable import KextLoader

/// Loads the test kext `name` in process and runs its entry point `name_entry`, with `--data`
/// and, after the entry returns, `runFor` of simulated time.
func runFixture(_ name: String, data: String? = nil, runFor: SimulatedTime = .zero) -> RunReport {
    KextRun.run(LoadRequest(kext: Fixture.path(name), entry: "\(name)_entry", data: data, runFor: runFor))
}
