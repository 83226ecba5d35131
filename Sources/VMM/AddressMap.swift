import PowerArch

/// Converts between AIX effective addresses of the galloc heap and host pointers: the only
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
    public let hostBase: UInt
    public let bytes: UInt64

    public init(eaBase: EffectiveAddress, hostBase: UInt, bytes: UInt64) {
        self.eaBase = eaBase
        self.hostBase = hostBase
        self.bytes = bytes
    }

    /// The effective address a host pointer stands for, if it lies in the heap.
    public func effectiveAddress(fromHost host: UInt) -> EffectiveAddress? {
        guard host >= hostBase, UInt64(host - hostBase) < bytes else { return nil }
        return eaBase.advanced(by: UInt64(host - hostBase))
    }

    /// The effective address of a host pointer near the heap (in its guard margins), for reports.
    public func effectiveAddress(nearHost host: UInt, margin: UInt64) -> EffectiveAddress? {
        if host >= hostBase {
            let offset = UInt64(host - hostBase)
            return offset < bytes + margin ? eaBase.advanced(by: offset) : nil
        }
        let below = UInt64(hostBase - host)
        return below <= margin ? EffectiveAddress(eaBase.rawValue &- below) : nil
    }

    public func host(from ea: EffectiveAddress) -> UInt? {
        guard ea >= eaBase, ea.rawValue - eaBase.rawValue < bytes else { return nil }
        return hostBase + UInt(ea.rawValue - eaBase.rawValue)
    }

    public func hostPointer(from ea: EffectiveAddress) -> UnsafeMutableRawPointer? {
        host(from: ea).flatMap { UnsafeMutableRawPointer(bitPattern: $0) }
    }

    public func contains(_ ea: EffectiveAddress) -> Bool { host(from: ea) != nil }
}
