import Xmalloc

/// The seeded generator of stress operations: the same seed, the same operations.
public struct StressWorkload: Sendable {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    public mutating func operations(_ count: Int) -> [StressOperation] {
        (0..<count).map { _ in next() }
    }

    /// The mix leans on xmalloc/xmfree, the pair under test, with enough galloc, pinning and
    /// private heaps that the layers meet.
    public mutating func next() -> StressOperation {
        let pick = Int(random.next() % 1_000_003)
        switch random.next() % 100 {
        case 0..<30: return .xmalloc(heap: heap(), size: size(), align: align())
        case 30..<52: return .xmfree(pick: pick)
        case 52..<58: return .galloc(pages: 1 + Int(random.next() % 16))
        case 58..<62: return .gfree(pick: pick)
        case 62..<64: return .initHeap(pick: pick, pages: 1 + Int(random.next() % 8))
        case 64..<68: return .pin(pick: pick, kind: random.next() % 2 == 0 ? .shortTerm : .longTerm)
        case 68..<72: return .unpin(pick: pick, kind: random.next() % 2 == 0 ? .shortTerm : .longTerm)
        case 72..<84: return .store(pick: pick)
        case 84..<92: return .load(pick: pick)
        case 92..<95: return .touch(pick: pick)
        case 95..<97: return .disabledLoad(pick: pick)
        default: return .interrupt(source: interruptSource(), work: interruptWork(pick: pick))
        }
    }

    private mutating func interruptSource() -> StressInterruptSource {
        StressInterruptSource.allCases[Int(random.next() % UInt64(StressInterruptSource.allCases.count))]
    }

    private mutating func interruptWork(pick: Int) -> StressInterruptWork {
        switch random.next() % 3 {
        case 0: .store(pick: pick)
        case 1: .load(pick: pick)
        default: .unpin(pick: pick)
        }
    }

    private mutating func heap() -> StressHeap {
        switch random.next() % 10 {
        case 0..<5: .kernel
        case 5..<8: .pinned
        default: .private(pick: Int(random.next() % 1_000_003))
        }
    }

    /// Mostly small sizes, across every size class and its edges, some whole pages.
    private mutating func size() -> Int {
        switch random.next() % 10 {
        case 0..<4: 1 + Int(random.next() % 64)
        case 4..<8: 1 + Int(random.next() % 2048)
        default: 2049 + Int(random.next() % 20_000)
        }
    }

    private mutating func align() -> Int {
        random.next() % 8 == 0 ? Int(random.next() % 13) : Int(random.next() % 4)
    }
}
