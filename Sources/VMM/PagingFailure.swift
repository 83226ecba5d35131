import CPageState
import PowerArch

/// Why the VMM could not resolve a fault on a page it allows: the touch cannot be satisfied.
public struct PagingFailure: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// The host refused to change a page's protection; `ENOMEM` here is the host's limit on
        /// mappings (vm.max_map_count).
        case hostProtection(errno: Int32)
        /// Every frame of simulated real memory is pinned: nothing can be stolen.
        case realMemoryExhausted
        /// No paging-space slot was free for the page the clock chose.
        case pagingSpaceExhausted
    }

    public let reason: Reason
    /// The faulting (or, for a steal, the victim) address.
    public let ea: EffectiveAddress
    public let hostAddress: HostAddress

    init?(_ f: aixsim_vmm_failure, map: AddressMap) {
        switch Int(f.kind) {
        case Int(AIXSIM_VMM_HOST_PROTECT.rawValue): reason = .hostProtection(errno: f.error)
        case Int(AIXSIM_VMM_NO_FRAME.rawValue): reason = .realMemoryExhausted
        case Int(AIXSIM_VMM_NO_SLOT.rawValue): reason = .pagingSpaceExhausted
        default: return nil
        }
        hostAddress = HostAddress(rawValue: f.address)
        ea = map.effectiveAddress(of: hostAddress) ?? EffectiveAddress(UInt64(f.address))
    }
}
