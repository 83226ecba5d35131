import VMM

/// Who made an xmalloc or xmfree call, as the kernel-service layer knows it: the owner tag of
/// the kext (the same opaque tag galloc regions carry) and the calling function's name.
/// xmalloc only stores and reports them.
///
/// The name is held as its interned number (`FunctionNames`), so a caller, and every record
/// holding one, is plain data: copies cost no reference counting. Two callers are equal when
/// owner and name are.
public struct XmallocCaller: Hashable, Sendable, CustomStringConvertible {
    public let owner: RegionOwner
    private let functionNumber: UInt32

    public init(owner: RegionOwner, function: String) {
        self.owner = owner
        functionNumber = FunctionNames.shared.number(of: function)
    }

    /// The calling function, e.g. `"mydd_open"`; opaque to the allocator.
    public var function: String { FunctionNames.shared.name(functionNumber) }

    public var description: String { "\(function) (owner \(owner.rawValue))" }
}
