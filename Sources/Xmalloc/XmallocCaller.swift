import VMM

/// Who made an xmalloc or xmfree call, as the kernel-service layer knows it: the owner tag of
/// the kext (the same opaque tag galloc regions carry) and the calling function's name.
/// xmalloc only stores and reports them.
public struct XmallocCaller: Hashable, Sendable, CustomStringConvertible {
    public let owner: RegionOwner
    /// The calling function, e.g. `"mydd_open"`; opaque to the allocator.
    public let function: String

    public init(owner: RegionOwner, function: String) {
        self.owner = owner
        self.function = function
    }

    public var description: String { "\(function) (owner \(owner.rawValue))" }
}
