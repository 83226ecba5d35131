import PowerArch
import CFaultGuard
/// What the kernel needs from whoever loaded the kexts: which kext owns an address, how to name
/// a code address, and how to call kext code (handlers) safely. The loader implements it; the
/// kernel knows nothing of dlopen or libffi.
public protocol KextRuntime: AnyObject {
    /// The loaded kext whose code or data contains `address`.
    func kext(containing address: UInt) -> KextID?
    /// The kext whose kernel-services table (read-only once bound) contains `address`.
    func servicesTableOwner(containing address: UInt) -> KextID?
    /// `function+0xOFFSET` for a code address in a kext.
    func location(of address: UInt) -> String?
    /// The function and source line of a code address in a kext, for the reports.
    func frame(of address: UInt) -> KextFrame?
    /// `kx_state+0x10`: the kext variable (data or bss, static ones included) an address lies in.
    func dataSymbol(at address: UInt) -> String?
    /// Calls `int f(void *argument)` (or `void f(void *)`) in kext code under the fault guard.
    func callHandler(_ function: UInt, argument: UInt, kext: KextID) -> HandlerOutcome
}

/// How a call into kext code ended.
public enum HandlerOutcome: Sendable {
    case returned(Int64)
    /// Kext code faulted at `address` with a load or a store, at instruction `pc`.
    case faulted(address: UInt, access: AccessKind, pc: UInt)
    /// Kext code trapped on something other than a memory fault with a known address (an
    /// illegal instruction, a divide error, the watchdog, a refused system call).
    case trapped(aixsim_fault)
    /// A kernel service crashed the system during the call.
    case abandoned
}

extension KextRuntime {
    /// A runtime without bound tables (a test double) owns none.
    public func servicesTableOwner(containing address: UInt) -> KextID? { nil }
    /// A runtime without symbol tables (a test double) names no variables.
    public func dataSymbol(at address: UInt) -> String? { nil }
}
