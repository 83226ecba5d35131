/// Whether an access class is relocated through the MMU: MSR[IR] for instruction fetches, MSR[DR]
/// for data.
public enum TranslationMode: UInt8, Hashable, Sendable, CaseIterable {
    /// Real mode (MSR[IR] or MSR[DR] = 0): the effective address is the real address, less its top
    /// four bits.
    case real = 0
    /// Translated (MSR[IR] or MSR[DR] = 1): the address goes through the SLB and the hashed page table.
    case translated = 1
}
