import PowerArch

/// Converts between AIX effective addresses of the galloc heap and host addresses: the only
/// place where the two meet.
///
/// x86-64 cannot map 0xF100… addresses, so the heap's effective-address range is placed in one
/// host reservation at a constant offset: `host = hostBase + (ea - eaBase)`.
public struct AddressMap: Sendable {
    /// Where the galloc heap starts in the 64-bit kernel's global address space. AIX 7.3's kdb
    /// shows the galloc ESIDs starting at F10000004; aixsim uses the same start for 5L, where
    /// the exact boundary is not documented.
    public static let gallocHeapStart = EffectiveAddress(0xF100_0000_4000_0000)

    public let eaBase: EffectiveAddress
    public let hostStart: HostAddress
    public let bytes: UInt64

    public init(eaBase: EffectiveAddress, hostStart: HostAddress, bytes: UInt64) {
        self.eaBase = eaBase
        self.hostStart = hostStart
        self.bytes = bytes
    }

    /// The host addresses the heap occupies.
    public var hostRange: Range<HostAddress> { hostStart..<hostStart.advanced(by: bytes) }

    /// The effective address a host address stands for, if it lies in the heap.
    public func effectiveAddress(of host: HostAddress) -> EffectiveAddress? {
        guard host >= hostStart, UInt64(host.rawValue - hostStart.rawValue) < bytes else { return nil }
        return eaBase.advanced(by: UInt64(host.rawValue - hostStart.rawValue))
    }

    /// The effective address of a host address near the heap (in its guard margins), for reports.
    public func effectiveAddress(near host: HostAddress, margin: UInt64) -> EffectiveAddress? {
        if host >= hostStart {
            let offset = UInt64(host.rawValue - hostStart.rawValue)
            return offset < bytes + margin ? eaBase.advanced(by: offset) : nil
        }
        let below = UInt64(hostStart.rawValue - host.rawValue)
        return below <= margin ? EffectiveAddress(eaBase.rawValue &- below) : nil
    }

    /// The host address behind an effective address of the heap.
    public func hostAddress(of ea: EffectiveAddress) -> HostAddress? {
        guard ea >= eaBase, ea.rawValue - eaBase.rawValue < bytes else { return nil }
        return hostStart.advanced(by: ea.rawValue - eaBase.rawValue)
    }

    public func hostPointer(from ea: EffectiveAddress) -> UnsafeMutableRawPointer? {
        hostAddress(of: ea)?.pointer
    }

    public func contains(_ ea: EffectiveAddress) -> Bool { hostAddress(of: ea) != nil }
}
