/// A 32-bit segment register (SR0..SR15), the segment translation of the classic 32-bit MMU.
///
/// EA[0:3] selects the register. Only page-translated segments (T = 0) are modelled; the
/// direct-store (T = 1) layout is obsolete and AIX 5L never uses it.
public struct SegmentRegister: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// SR bit 0, T: 1 = direct-store segment.
    public static let directStoreBit: UInt32 = 0x8000_0000
    /// SR bit 1, Ks: the key used in supervisor state.
    public static let ksBit: UInt32 = 0x4000_0000
    /// SR bit 2, Kp: the key used in problem state.
    public static let kpBit: UInt32 = 0x2000_0000
    /// SR bit 3, N: no instruction fetch from this segment.
    public static let noExecuteBit: UInt32 = 0x1000_0000
    /// SR bits 8:31, VSID: the 24-bit virtual segment ID.
    public static let vsidMask: UInt32 = 0x00FF_FFFF

    /// Number of segment registers.
    public static let count = 16
    /// EA bits below the segment number: 28.
    public static let segmentShift: UInt32 = 28

    /// A page-translated segment register.
    public init(vsid: UInt32, supervisorKey: ProtectionKey, problemKey: ProtectionKey, execution: SegmentExecution = .allowed) {
        precondition(vsid & ~Self.vsidMask == 0, "a 32-bit VSID has 24 bits")
        var raw = vsid
        if supervisorKey == .key1 { raw |= Self.ksBit }
        if problemKey == .key1 { raw |= Self.kpBit }
        if execution == .forbidden { raw |= Self.noExecuteBit }
        rawValue = raw
    }

    /// Whether instruction fetches from the segment are allowed (the N bit).
    public enum SegmentExecution: Hashable, Sendable {
        case allowed
        case forbidden
    }

    /// T: a direct-store (I/O) segment rather than a page-translated one.
    public var isDirectStore: Bool { rawValue & Self.directStoreBit != 0 }
    public var vsid: UInt32 { rawValue & Self.vsidMask }
    public var execution: SegmentExecution { rawValue & Self.noExecuteBit != 0 ? .forbidden : .allowed }

    /// The segment key for code in `privilege`: Ks in supervisor state, Kp in problem state.
    public func key(for privilege: Privilege) -> ProtectionKey {
        let bit = privilege == .supervisor ? Self.ksBit : Self.kpBit
        return rawValue & bit != 0 ? .key1 : .key0
    }

    /// The segment register that translates `ea`: EA[0:3].
    public static func index(of ea: UInt32) -> Int { Int(ea >> segmentShift) }

    /// The 52-bit virtual address of `ea` in this segment: VSID || EA[4:31].
    public func virtualAddress(of ea: UInt32) -> UInt64 {
        UInt64(vsid) << UInt64(Self.segmentShift) | UInt64(ea & (1 << Self.segmentShift - 1))
    }

    public var description: String {
        "SR VSID 0x\(String(vsid, radix: 16, uppercase: true)) Ks=\(key(for: .supervisor).rawValue) "
            + "Kp=\(key(for: .problem).rawValue)" + (execution == .forbidden ? " N" : "")
    }
}
