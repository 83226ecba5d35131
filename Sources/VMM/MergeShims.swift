import PowerArch

// Old names and signatures kept only so code written against them in parallel branches still
// compiles; this file is deleted at the merge, with its callers moved to the new API.

public typealias GallocHeap = VirtualMemoryManager

extension VirtualMemoryManager {
    public typealias FreedRegion = VMM.FreedRegion
    public typealias Relation = RegionRelation

    /// Host range of the whole heap, as bare integers.
    public var hostRange: Range<UInt> { map.hostRange.lowerBound.rawValue..<map.hostRange.upperBound.rawValue }
}

extension AddressMap {
    public var hostBase: UInt { hostStart.rawValue }

    public func effectiveAddress(fromHost host: UInt) -> EffectiveAddress? {
        effectiveAddress(of: HostAddress(rawValue: host))
    }

    public func effectiveAddress(nearHost host: UInt, margin: UInt64) -> EffectiveAddress? {
        effectiveAddress(near: HostAddress(rawValue: host), margin: margin)
    }

    public func host(from ea: EffectiveAddress) -> UInt? { hostAddress(of: ea)?.rawValue }
}
