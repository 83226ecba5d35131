/// Which xmalloc heap an allocation belongs to.
public enum HeapKind: Hashable, Sendable, CustomStringConvertible {
    /// The kernel's pageable heap. The corresponding AIX global is `kernel_heap`.
    case kernel
    /// The kernel's pinned heap: its memory is pinned before xmalloc returns. The corresponding
    /// AIX global is `pinned_heap`.
    case pinned
    /// A heap a kext created with `init_heap` inside an area it owns, numbered in creation order.
    case `private`(Int)

    public var description: String {
        switch self {
        case .kernel: "kernel_heap"
        case .pinned: "pinned_heap"
        case .private(let n): "private heap #\(n)"
        }
    }
}
