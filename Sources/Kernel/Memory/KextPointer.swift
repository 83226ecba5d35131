import PowerArch
import VMM

extension AddressMap {
    /// The effective address behind a pointer value a kext handed to a service, or nil when it
    /// does not point into global memory. Kext pointers arrive as raw register values (possibly
    /// NULL or wild); this is where they become typed.
    func effectiveAddress(ofKextPointer pointer: UInt) -> EffectiveAddress? {
        effectiveAddress(of: HostAddress(rawValue: pointer))
    }
}
