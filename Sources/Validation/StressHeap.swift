/// The heap a stress operation allocates from: the two global heaps, or one of the private
/// heaps the run created with init_heap (picked among those live when the operation runs).
public enum StressHeap: Hashable, Sendable, Codable {
    case kernel
    case pinned
    case `private`(pick: Int)
}
