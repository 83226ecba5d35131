/// The debug techniques of aixsim's xmalloc, after AIX's xmalloc debug (`errctrl` on the
/// `alloc.xmdbg` component). Which ones a level turns on, and how often each is applied, is
/// tabled once in `XmallocDebugConfiguration`.
///
/// Each technique has its own check function in `XmallocAllocator+Debug.swift` that returns at
/// once when its option is off, so the allocation paths call them unconditionally.
public struct XmallocDebugOptions: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Fill a freed block with `Poison.freed`; check the fill when the block is handed out
    /// again (or its chunk goes back to galloc). A difference is a write after free.
    public static let freeFill = XmallocDebugOptions(rawValue: 1 << 0)
    /// Fill the bytes between the requested size and the end of the block with
    /// `Poison.trailer`; check them at xmfree. A difference is an overrun.
    public static let trailers = XmallocDebugOptions(rawValue: 1 << 1)
    /// Put a freed block in a FIFO quarantine instead of the free list, so a stale pointer
    /// keeps pointing at poison for a while instead of at the next allocation.
    public static let deferredReuse = XmallocDebugOptions(rawValue: 1 << 2)
    /// KFENCE-style placement: the allocation gets its own galloc region and ends where the
    /// region's guard page begins; at xmfree the region goes back, so a stale access faults.
    public static let guardPages = XmallocDebugOptions(rawValue: 1 << 3)

    public static let all: XmallocDebugOptions = [.freeFill, .trailers, .deferredReuse, .guardPages]

    public var description: String {
        let names: [(XmallocDebugOptions, String)] = [
            (.freeFill, "free-fill"), (.trailers, "trailers"),
            (.deferredReuse, "deferred-reuse"), (.guardPages, "guard-pages"),
        ]
        let on = names.filter { contains($0.0) }.map(\.1)
        return on.isEmpty ? "none" : on.joined(separator: ",")
    }
}
