import PowerArch

/// One region of global memory handed out by `vm_galloc`.
public struct GallocRegion: Hashable, Sendable {
    /// The first byte, page-aligned.
    public let start: EffectiveAddress
    /// The size after rounding up to whole pages: the only size `vm_gfree` accepts.
    public let size: UInt64
    public let flags: GallocFlags
    public let owner: RegionOwner
    /// Allocation order, counted across the whole run from 1.
    public let sequence: Int

    /// The PP bits the region's pages carry: 00, or 01 with `V_UREAD`.
    public var protection: PageProtection { flags.contains(.userReadable) ? .readOnlyForKey1 : .noAccessForKey1 }

    /// One past the last byte.
    public var end: EffectiveAddress { start.advanced(by: size) }

    public func contains(_ ea: EffectiveAddress) -> Bool { ea >= start && ea < end }
}
