/// Delta debugging (Zeller's ddmin) over a failing operation sequence: removes chunks, then
/// single operations, while the run still breaks the same invariant, so what remains is a
/// sequence from which no single operation can be dropped.
///
/// Sound because any subsequence of a workload is a valid workload (operations pick their
/// objects among whatever is live).
public struct Shrinker {
    public let configuration: StressConfiguration
    /// Runs of the candidate sequences so far: the cost of shrinking.
    public private(set) var runs = 0

    public init(configuration: StressConfiguration) { self.configuration = configuration }

    /// The violation a run of `operations` ends in, if any.
    public mutating func violation(of operations: [StressOperation]) -> InvariantViolation? {
        runs += 1
        var c = configuration
        c.operations = operations.count
        // A full sweep after every operation, so the shorter sequence fails as soon as it can.
        c.checkEvery = 1
        return (try? StressRunner(configuration: c))?.run(operations).violation
    }

    /// The shortest sequence found that still ends in a violation of `kind`. Only the
    /// operations up to the first failing one matter, so the sequence is cut there first.
    public mutating func shrink(_ operations: [StressOperation], kind: InvariantViolation.Kind,
                                failingStep: Int? = nil) -> [StressOperation]
    {
        var current = failingStep.map { Array(operations.prefix($0 + 1)) } ?? operations
        if violation(of: current)?.kind != kind { current = operations }
        var granularity = 2
        while current.count >= 2 {
            let chunk = (current.count + granularity - 1) / granularity
            var reduced = false
            var start = 0
            while start < current.count {
                var candidate = current
                candidate.removeSubrange(start..<min(start + chunk, current.count))
                if violation(of: candidate)?.kind == kind {
                    current = candidate
                    granularity = max(granularity - 1, 2)
                    reduced = true
                } else {
                    start += chunk
                }
            }
            if !reduced {
                if chunk == 1 { break }
                granularity = min(granularity * 2, current.count)
            }
        }
        return current
    }
}
