import VMM

/// The owner tags xmalloc puts on the galloc regions its heaps take.
///
/// Kexts own regions under non-negative tags the kernel assigns; the heaps use negative ones so
/// a galloc report can tell "kext memory" from "xmalloc's own memory" without asking xmalloc:
/// `kernel_heap` is -1, `pinned_heap` -2, private heap #n is -(2 + n). Private heaps never take
/// galloc regions today; their tag exists so the mapping stays total.
extension RegionOwner {
    public static func xmalloc(_ heap: HeapKind) -> RegionOwner {
        switch heap {
        case .kernel: RegionOwner(rawValue: -1)
        case .pinned: RegionOwner(rawValue: -2)
        case .private(let n): RegionOwner(rawValue: -(2 + n))
        }
    }

    /// The heap this tag stands for, or nil for a tag that is not xmalloc's.
    public var xmallocHeap: HeapKind? {
        switch rawValue {
        case -1: .kernel
        case -2: .pinned
        case ..<(-2): .private(-rawValue - 2)
        default: nil
        }
    }
}
