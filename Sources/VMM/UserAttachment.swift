import PowerArch

/// A galloc region's range attached into the (one simulated) user process by `vm_guatt`.
///
/// The process reaches it through its own segment: an SLB entry for a user ESID that maps to the
/// VSID of the kernel segment holding the range, so both addresses share the same page-table
/// entries and only the keys differ. The key of the attachment picks the segment's key bits:
/// `VM_PRIV` gives Ks = Kp = 0, so the process uses key 0 and may read and write a PP 00 or 01
/// page; `VM_UNPRIV` gives Ks = Kp = 1, so the process uses key 1: no access under PP 00, read only
/// under PP 01 (`V_UREAD`).
public struct UserAttachment: Hashable, Sendable {
    /// The `key` argument of vm_guatt (AIX `<sys/adspace.h>` values).
    public enum Key: Int32, Sendable {
        /// Read and write. The corresponding AIX constant is `VM_PRIV`.
        case privileged = 0
        /// Read only, and only for `V_UREAD` regions. The corresponding AIX constant is `VM_UNPRIV`.
        case unprivileged = 1
    }

    /// Where aixsim attaches: the 64-bit user address space's shared-memory segments start at
    /// 0x0700000000000000; the n-th attachment gets the n-th segment there.
    public static let firstUserESID: UInt64 = 0x0_7000_0000

    public let kernelStart: EffectiveAddress
    public let size: UInt64
    public let userStart: EffectiveAddress
    public let key: Key
    public let segment: SLBEntry

    public func contains(user ea: EffectiveAddress) -> Bool {
        ea >= userStart && ea.rawValue - userStart.rawValue < size
    }

    public func kernelAddress(forUser ea: EffectiveAddress) -> EffectiveAddress? {
        contains(user: ea) ? kernelStart.advanced(by: ea.rawValue - userStart.rawValue) : nil
    }
}
