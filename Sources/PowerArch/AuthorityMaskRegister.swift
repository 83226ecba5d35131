/// The Authority Mask Register (AMR, SPR 29): virtual-page-class key protection.
///
/// AIX 5L on POWER4/POWER5 has no storage keys; the register is modelled for later processors and
/// defaults to zero, which denies nothing. Key *k* owns bits 2k:2k+1 (MSB-0): the high bit of the
/// pair denies stores, the low bit loads. Instruction fetches are governed by the IAMR, which is
/// not modelled.
public struct AuthorityMaskRegister: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The register that denies nothing.
    public static let permitAll = AuthorityMaskRegister(rawValue: 0)

    /// Number of storage-key classes the register covers.
    public static let keyCount = 32

    /// Within a key's two-bit field: AMR bit 2k, deny stores.
    public static let denyStoreBit: UInt64 = 0b10
    /// Within a key's two-bit field: AMR bit 2k+1, deny loads.
    public static let denyLoadBit: UInt64 = 0b01

    @inline(__always)
    private static func shift(_ key: UInt8) -> UInt64 {
        precondition(Int(key) < keyCount, "storage keys are five bits")
        return 62 - 2 * UInt64(key)
    }

    /// The rights the register leaves to pages of storage key `key`.
    @inline(__always)
    public func rights(forKey key: UInt8) -> AccessRights {
        // The deny bits sit where the rights they deny do (store = write, load = read), so the
        // field masks the rights directly, with no branch per bit on every translation miss.
        // AIX 5L leaves the AMR at zero: answer without waiting for the page's key.
        guard rawValue != 0 else { return .readWrite }
        let field = AccessRights.RawValue(truncatingIfNeeded: (rawValue >> Self.shift(key)) & 0b11)
        return AccessRights(rawValue: AccessRights.readWrite.rawValue & ~field)
    }

    /// A copy that also denies `rights` (read and/or write) to key `key`.
    public func denying(_ rights: AccessRights, toKey key: UInt8) -> AuthorityMaskRegister {
        var field: UInt64 = 0
        if rights.contains(.write) { field |= Self.denyStoreBit }
        if rights.contains(.read) { field |= Self.denyLoadBit }
        return AuthorityMaskRegister(rawValue: rawValue | field << Self.shift(key))
    }

    public var description: String { "AMR=0x" + String(rawValue, radix: 16, uppercase: true) }
}
