import CFaultGuard
import PowerArch

extension aixsim_fault {
    /// Whether the faulting access was a load or a store, as the host's fault record says.
    public var access: AccessKind { is_write != 0 ? .store : .load }
}
