/// The authority a page grants one access, kept per source so that a denial can say which check
/// failed.
///
/// Three independent sources each yield a set of rights; the access needs its right in all of them.
/// Keeping them apart (rather than only their intersection) is what lets a DSI carry the right
/// cause bit: PP maps to `DSISR.protection`, the AMR to `DSISR.storageKey`, and the no-execute
/// checks to the ISI's no-execute cause.
public struct AccessAuthority: Hashable, Sendable, CustomStringConvertible {
    /// Rights from PP under the segment key (`pageProtectionRights(_:key:)`).
    public var pageProtection: AccessRights
    /// Rights left by segment N and PTE N/G (`executeGuardRights`); these only ever remove execute.
    public var executeGuard: AccessRights
    /// Rights left by the AMR for the page's storage key.
    public var authorityMask: AccessRights

    public init(
        pageProtection: AccessRights,
        executeGuard: AccessRights = .readWrite,
        authorityMask: AccessRights = .readWrite
    ) {
        self.pageProtection = pageProtection
        self.executeGuard = executeGuard
        self.authorityMask = authorityMask
    }

    /// What the page grants: the intersection of every source.
    public var granted: AccessRights {
        pageProtection.intersection(executeGuard).intersection(authorityMask)
    }

    /// Whether `access` is allowed.
    public func permits(_ access: AccessKind) -> Bool {
        granted.contains(access.requiredRights)
    }

    /// The DSISR cause bits for a denied load or store, empty when the access is allowed.
    ///
    /// The store bit is added only alongside a cause, since an allowed access raises nothing.
    public func dsisr(for access: AccessKind) -> DSISR {
        let needed = access.requiredRights
        var causes: DSISR = []
        if !pageProtection.contains(needed) { causes.insert(.protection) }
        if !authorityMask.contains(needed) { causes.insert(.storageKey) }
        if !causes.isEmpty && access == .store { causes.insert(.store) }
        return causes
    }

    /// The SRR1 cause bits for a denied instruction fetch, empty when the fetch is allowed.
    public func instructionStorageCause() -> InstructionStorageCause {
        var causes: InstructionStorageCause = []
        if !executeGuard.contains(.execute) { causes.insert(.noExecute) }
        if !pageProtection.contains(.execute) { causes.insert(.protection) }
        return causes
    }

    public var description: String {
        "\(granted) (PP \(pageProtection), no-execute \(executeGuard), AMR \(authorityMask))"
    }

    // MARK: - The ISA tables

    /// What one PP code grants under each segment key.
    public struct ByKey: Hashable, Sendable {
        public let key0: AccessRights
        public let key1: AccessRights

        public subscript(key: ProtectionKey) -> AccessRights {
            key == .key0 ? key0 : key1
        }
    }

    /// Page protection by PP0||PP and segment key, as the ISA's table gives it.
    ///
    /// The three reserved PP0 = 1 codes grant nothing: their behaviour is undefined, and refusing
    /// is the only answer that cannot leak access.
    public static let pageProtectionTable: [PageProtection: ByKey] = [
        .noAccessForKey1: ByKey(key0: .readWrite, key1: .none),
        .readOnlyForKey1: ByKey(key0: .readWrite, key1: .readOnly),
        .readWrite: ByKey(key0: .readWrite, key1: .readWrite),
        .readOnly: ByKey(key0: .readOnly, key1: .readOnly),
        .readOnlyForKey0NoAccessForKey1: ByKey(key0: .readOnly, key1: .none),
        PageProtection(rawValue: 0b100): ByKey(key0: .none, key1: .none),
        PageProtection(rawValue: 0b101): ByKey(key0: .none, key1: .none),
        PageProtection(rawValue: 0b111): ByKey(key0: .none, key1: .none),
    ]

    /// The rights PP grants under `key`.
    @inline(__always)
    public static func pageProtectionRights(_ protection: PageProtection, key: ProtectionKey) -> AccessRights {
        let code = UInt64(protection.rawValue & 7) << 3
        let packed = key == .key0 ? packedRightsKey0 : packedRightsKey1
        return AccessRights(rawValue: AccessRights.RawValue(truncatingIfNeeded: packed >> code))
    }

    /// `pageProtectionTable` as one byte of rights per PP code (code 0 lowest), per key: every
    /// translation miss asks, and a shift is cheaper than hashing the code. Literals, so reading
    /// them needs no lazy initialisation check; a test holds them equal to the table.
    static let packedRightsKey0: UInt64 = 0x0005_0000_0507_0707
    static let packedRightsKey1: UInt64 = 0x0000_0000_0507_0500

    /// The rights left after the no-execute checks: a no-execute segment, or a PTE marked
    /// no-execute or guarded, forbids instruction fetch but never loads or stores.
    public static func executeGuardRights(segment: SLBEntry.Flags, page: PageTableEntry) -> AccessRights {
        let forbidden = segment.contains(.noExecute) || page.isNoExecute || page.attributes.contains(.guarded)
        return forbidden ? [.read, .write] : .readWrite
    }

    /// The complete authority of `page` in `segment` for code in `privilege`.
    @inline(__always)
    public static func of(
        page: PageTableEntry,
        segment: SLBEntry,
        privilege: Privilege,
        authorityMask: AuthorityMaskRegister = .permitAll
    ) -> AccessAuthority {
        AccessAuthority(
            pageProtection: pageProtectionRights(page.protection, key: segment.key(for: privilege)),
            executeGuard: executeGuardRights(segment: segment.flags, page: page),
            authorityMask: authorityMask.rights(forKey: page.storageKey))
    }
}
