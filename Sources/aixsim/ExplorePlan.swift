import Foundation
import KextLoader

/// Which runs an exploration makes, decided before any runs but the baseline: the baseline,
/// then one failslab run per allocation call the baseline made, one per allocation call site,
/// one per arrival point of its timers, then the random runs. The plan depends only on what the
/// baseline reported (call counts, allocation sites) and the options, so every shard computes
/// the same plan and takes its own slice of it.
struct ExplorePlan {
    var modes: Set<ExploreRun.Mode>
    var randomRuns: Int
    var seed: UInt64
    /// Options every run gets (`--data`, `--run-for`, …), before its own.
    var common: [String]
    /// At most this many failslab runs per service: a kext allocating in a loop would otherwise
    /// mean thousands of runs.
    var maxFailslabCalls: Int

    /// The allocating services whose calls failslab fails one at a time.
    static let failslabServices = ["xmalloc", "vm_galloc"]

    /// Services whose use means something is pending on the clock that arrival can move.
    static let arrivingServices = ["tstart", "timeout"]

    /// How many arrival points a baseline offers: its service calls, when it started a timer
    /// or timeout; none otherwise.
    static func arrivalCalls(_ counts: [String: Int], interrupts: Bool = false) -> Int {
        interrupts || arrivingServices.contains { (counts[$0] ?? 0) > 0 } ? counts.values.reduce(0, +) : 0
    }

    func runs(baselineCallCounts counts: [String: Int], sites: [String: [String]] = [:]) -> [ExploreRun] {
        var runs = [ExploreRun(index: 0, mode: .baseline, options: common)]
        let arrivals = Self.arrivalCalls(counts, interrupts: common.contains("--interrupt"))
        if modes.contains(.failslab) {
            for service in Self.failslabServices {
                let calls = min(counts[service] ?? 0, maxFailslabCalls)
                for n in stride(from: 1, through: calls, by: 1) {
                    runs.append(ExploreRun(index: runs.count, mode: .failslab,
                                           options: common + ["--fail", "\(service):nth=\(n)"]))
                }
            }
        }
        if modes.contains(.failsite) {
            for service in Self.failslabServices {
                for site in (sites[service] ?? []).prefix(maxFailslabCalls) {
                    runs.append(ExploreRun(index: runs.count, mode: .failsite,
                                           options: common + ["--fail", "\(service):site=\(site)"]))
                }
            }
        }
        if modes.contains(.arrival) {
            for k in stride(from: 1, through: min(arrivals, maxFailslabCalls), by: 1) {
                runs.append(ExploreRun(index: runs.count, mode: .arrival, options: common + ["--arrival-call", String(k)]))
            }
        }
        if modes.contains(.random) {
            for k in 0..<randomRuns {
                runs.append(ExploreRun(index: runs.count, mode: .random,
                                       options: common + Self.randomOptions(seed: seed &+ UInt64(k), arrivalCalls: arrivals)))
            }
        }
        return runs
    }

    /// One random run's choices, all drawn from its seed, each left out when it is the default
    /// so that the printed command stays short.
    static func randomOptions(seed: UInt64, arrivalCalls: Int = 0) -> [String] {
        var random = PlanRandom(seed: seed)
        var options = ["--seed", String(seed)]
        let debug = random.pick([nil, "minimal", "normal", "detail", "maximal"])
        if let debug { options += ["--xmalloc-debug", debug] }
        for service in failslabServices {
            if let p = random.pick([nil, nil, "0.02", "0.1", "0.3"]) { options += ["--fail", "\(service):p=\(p)"] }
        }
        if let memory = random.pick([nil, nil, "4M", "16M"]) { options += ["--real-memory", memory] }
        if let time = random.pick([nil, "1ms", "20ms", "200ms"]) { options += ["--run-for", time] }
        // Drawn last, and only for a kext with timers, so the other choices stay as they were.
        if arrivalCalls > 0, random.next() % 2 == 0 {
            options += ["--arrival-call", String(1 + Int(random.next() % UInt64(arrivalCalls)))]
        }
        return options
    }
}

/// SplitMix64, private to planning so that a plan never shifts when the kernel's generators change.
struct PlanRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func pick<T>(_ choices: [T]) -> T { choices[Int(next() % UInt64(choices.count))] }
}
