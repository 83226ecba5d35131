/// Who owns a galloc region, as an opaque tag: the VMM records it for whoever allocated
/// (the kernel maps it to a kext) and knows nothing more.
public struct RegionOwner: RawRepresentable, Hashable, Sendable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
}
