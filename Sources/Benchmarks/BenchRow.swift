/// One line of `aixsim bench`: a figure, its baseline from the same run, their ratio, and the
/// goal issue 10 set for the ratio. The text table and `--json` both print these.
public struct BenchRow: Codable, Sendable, Equatable {
    /// A stable identifier for scripts, e.g. `serviceCall`.
    public let id: String
    public let measure: String
    public let nanoseconds: Double
    public let baseline: String
    public let baselineNanoseconds: Double
    /// `nanoseconds / baselineNanoseconds`.
    public let ratio: Double
    /// The goal, in words (`≤ 5×`, `≥ 2× faster`), or nil when none was set.
    public let goal: String?
    /// Whether the ratio meets the goal; nil without a goal.
    public let meetsGoal: Bool?

    public init(id: String, measure: String, nanoseconds: Double, baseline: String, baselineNanoseconds: Double,
                goal: Goal?)
    {
        self.id = id
        self.measure = measure
        self.nanoseconds = nanoseconds
        self.baseline = baseline
        self.baselineNanoseconds = baselineNanoseconds
        let ratio = nanoseconds / baselineNanoseconds
        self.ratio = ratio
        self.goal = goal?.text
        meetsGoal = goal.map { ratio <= $0.maximumRatio }
    }

    /// A ceiling on the ratio.
    public struct Goal: Sendable {
        public let maximumRatio: Double
        public let text: String

        public static func atMost(_ ratio: Double) -> Goal {
            Goal(maximumRatio: ratio, text: "≤ \(ratio.formatted)×")
        }

        public static func faster(_ factor: Double) -> Goal {
            Goal(maximumRatio: 1 / factor, text: "≥ \(factor.formatted)× faster")
        }
    }

    /// Every row of a run, in the order the issue lists them, then the rows it added.
    public static func rows(call: ServiceCallFigures, xmalloc: XmallocBenchmark.Result, mmu: MMUBenchmark.Result,
                            galloc: GallocBenchmark.Result, startup: StartupBenchmark.Result?) -> [BenchRow]
    {
        var rows = [
            BenchRow(id: "serviceCall", measure: "vm_gfree (EINVAL) through the table", nanoseconds: call.service,
                     baseline: "direct C call", baselineNanoseconds: call.direct, goal: .atMost(5)),
        ]
        let goals: [String: Goal] = [
            "xmalloc+xmfree 64 bytes, minimal": .atMost(1.5), "xmalloc+xmfree 64 bytes, maximal": .atMost(10),
            "xmalloc+xmfree 1 MB, minimal": .atMost(2), "xmalloc+xmfree 1 MB, maximal": .atMost(2),
        ]
        for pair in xmalloc.pairs {
            let size = pair.label.contains("64 bytes") ? "64" : "1MB"
            let level = pair.label.split(separator: " ").last.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
            let id = "xmalloc\(size)\(level)"
            rows.append(BenchRow(id: id, measure: pair.label, nanoseconds: pair.nanoseconds, baseline: pair.baseline,
                                 baselineNanoseconds: pair.baselineNanoseconds, goal: goals[pair.label]))
        }
        rows += [
            BenchRow(id: "translateHit", measure: "translate, cache hit", nanoseconds: mmu.cacheHitNanoseconds,
                     baseline: "Dictionary lookup", baselineNanoseconds: mmu.dictionaryNanoseconds, goal: .faster(2)),
            BenchRow(id: "translateMiss", measure: "translate, miss (page-table search)",
                     nanoseconds: mmu.cacheMissNanoseconds, baseline: "Dictionary lookup",
                     baselineNanoseconds: mmu.dictionaryNanoseconds, goal: .atMost(2)),
            BenchRow(id: "translateHitFull", measure: "translate, cache hit, full Translation",
                     nanoseconds: mmu.fullCacheHitNanoseconds, baseline: "Dictionary lookup",
                     baselineNanoseconds: mmu.dictionaryNanoseconds, goal: nil),
            BenchRow(id: "gallocPair", measure: "vm_galloc+vm_gfree 1 MB, untouched",
                     nanoseconds: galloc.gallocPairNanoseconds, baseline: "mmap+munmap 1 MB, untouched",
                     baselineNanoseconds: galloc.mmapPairNanoseconds, goal: nil),
            BenchRow(id: "firstTouch", measure: "first touch of a galloc page",
                     nanoseconds: galloc.gallocFirstTouchNanoseconds, baseline: "first touch of a host page",
                     baselineNanoseconds: galloc.hostFirstTouchNanoseconds, goal: nil),
        ]
        if let startup {
            rows.append(BenchRow(id: "loadHello", measure: "aixsim load hello (spawn to exit)",
                                 nanoseconds: startup.loadHelloMilliseconds * 1e6, baseline: "spawn /bin/true",
                                 baselineNanoseconds: startup.binTrueMilliseconds * 1e6, goal: nil))
        }
        return rows
    }

    /// The service-call figures, which the loader's benchmark measures.
    public struct ServiceCallFigures: Sendable {
        public let direct: Double
        public let service: Double
        public init(direct: Double, service: Double) {
            self.direct = direct
            self.service = service
        }
    }
}

extension Double {
    /// `5`, `1.5`: a goal's factor as the issue writes it.
    fileprivate var formatted: String {
        self == rounded() ? String(Int(self)) : String(self)
    }
}
