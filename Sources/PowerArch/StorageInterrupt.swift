/// A storage interrupt the MMU raises instead of completing a translation, with the state the
/// processor would record for the handler.
///
/// A value, not a thrown error: the VMM inspects it to resolve the fault (load an SLB entry, page
/// in, or report a protection violation). It conforms to `Error` only so it can be the failure of
/// a `Result`.
public enum StorageInterrupt: Error, Hashable, Sendable, CustomStringConvertible {
    /// Data storage interrupt (DSI, vector 0x300): a load or store found no PTE or lacked
    /// authority. DAR = the effective address; DSISR says why.
    case dataStorage(dar: EffectiveAddress, dsisr: DSISR)
    /// Data segment interrupt (vector 0x380): no SLB entry for the data address.
    case dataSegment(dar: EffectiveAddress)
    /// Instruction storage interrupt (ISI, vector 0x400): a fetch found no PTE, hit a no-execute
    /// segment or page, or lacked read authority. SRR0 = the fetch address; SRR1 carries the cause.
    case instructionStorage(srr0: EffectiveAddress, cause: InstructionStorageCause)
    /// Instruction segment interrupt (vector 0x480): no SLB entry for the fetch address.
    case instructionSegment(srr0: EffectiveAddress)

    /// Vector of the data storage interrupt.
    public static let dataStorageVector: UInt64 = 0x300
    /// Vector of the data segment interrupt.
    public static let dataSegmentVector: UInt64 = 0x380
    /// Vector of the instruction storage interrupt.
    public static let instructionStorageVector: UInt64 = 0x400
    /// Vector of the instruction segment interrupt.
    public static let instructionSegmentVector: UInt64 = 0x480

    // MARK: - Raising

    /// The segment interrupt for an SLB miss on `access`.
    public static func segmentMiss(at ea: EffectiveAddress, access: AccessKind) -> StorageInterrupt {
        access == .instructionFetch ? .instructionSegment(srr0: ea) : .dataSegment(dar: ea)
    }

    /// The storage interrupt for a page with no PTE in either group.
    public static func noTranslation(at ea: EffectiveAddress, access: AccessKind) -> StorageInterrupt {
        switch access {
        case .load: .dataStorage(dar: ea, dsisr: .noTranslation)
        case .store: .dataStorage(dar: ea, dsisr: [.noTranslation, .store])
        case .instructionFetch: .instructionStorage(srr0: ea, cause: .noTranslation)
        }
    }

    /// The storage interrupt for an access `authority` does not permit, each failed source
    /// contributing its cause bit.
    public static func denied(at ea: EffectiveAddress, access: AccessKind, authority: AccessAuthority) -> StorageInterrupt {
        access == .instructionFetch
            ? .instructionStorage(srr0: ea, cause: authority.instructionStorageCause())
            : .dataStorage(dar: ea, dsisr: authority.dsisr(for: access))
    }

    // MARK: - Reading

    /// Short name, as kdb and the reports print it.
    public var name: String {
        switch self {
        case .dataStorage: "DSI"
        case .dataSegment: "DSegI"
        case .instructionStorage: "ISI"
        case .instructionSegment: "ISegI"
        }
    }

    /// The interrupt vector offset.
    public var vector: UInt64 {
        switch self {
        case .dataStorage: Self.dataStorageVector
        case .dataSegment: Self.dataSegmentVector
        case .instructionStorage: Self.instructionStorageVector
        case .instructionSegment: Self.instructionSegmentVector
        }
    }

    /// The faulting effective address (DAR or SRR0).
    public var address: EffectiveAddress {
        switch self {
        case .dataStorage(let ea, _), .dataSegment(let ea), .instructionStorage(let ea, _), .instructionSegment(let ea):
            ea
        }
    }

    /// DSISR, for a data storage interrupt.
    public var dsisr: DSISR? {
        if case .dataStorage(_, let dsisr) = self { return dsisr }
        return nil
    }

    public var description: String {
        let vector = "0x" + String(vector, radix: 16)
        switch self {
        case .dataStorage(let dar, let dsisr): return "DSI (\(vector)) DAR=\(dar) DSISR=\(dsisr)"
        case .dataSegment(let dar): return "data segment interrupt (\(vector)) DAR=\(dar)"
        case .instructionStorage(let srr0, let cause): return "ISI (\(vector)) SRR0=\(srr0) SRR1 cause=\(cause)"
        case .instructionSegment(let srr0): return "instruction segment interrupt (\(vector)) SRR0=\(srr0)"
        }
    }
}
