import PowerArch

/// The page-size arithmetic the allocator needs, in the integer types it computes with.
///
/// PowerArch's `PageSize` speaks `UInt64`; block and chunk arithmetic here is done in `Int`
/// (C `int` sizes), so the conversions live in one place.
enum PageSizeFacts {
    static let shift = Int(PageSize.shift)
    static let bytes = Int(PageSize.bytes)

    static func roundUp(_ bytes: Int) -> Int { (bytes + Self.bytes - 1) & ~(Self.bytes - 1) }

    static func isPageAligned(_ ea: EffectiveAddress) -> Bool { ea.pageOffset == 0 }

    /// The page containing an address.
    static func page(of ea: EffectiveAddress) -> EffectiveAddress {
        EffectiveAddress(ea.rawValue & ~(PageSize.bytes - 1))
    }
}
