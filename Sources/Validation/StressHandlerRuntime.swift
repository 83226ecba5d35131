import AIXSimKernelABI
import Kernel

/// Stands where the kext loader stands for a loaded kext: the stress run has no C code, so its
/// interrupt handlers are two marker functions whose calls this runtime turns into the run's own
/// handler body. The kernel still does everything around the call (entering the interrupt
/// environment at the handler's priority, the pinned-code rule, the priority check on return),
/// so the work runs under the same rules as a kext's handler.
final class StressHandlerRuntime: KextRuntime {
    let kext: KextID
    /// What the kernel calls when it takes the run's off-level handler or timer.
    var handler: () -> Void = {}

    // The kernel never calls these: it hands their addresses to callHandler below.
    static let offLevelAddress: UInt = {
        let f: @convention(c) (UnsafeMutablePointer<intr>?) -> Int32 = { _ in 0 }
        return unsafeBitCast(f, to: UInt.self)
    }()
    static let timerAddress: UInt = {
        let f: @convention(c) (UnsafeMutablePointer<trb>?) -> Void = { _ in }
        return unsafeBitCast(f, to: UInt.self)
    }()
    /// Where the workload's own calls say they return to: the kernel names their caller
    /// `stress_workload` at no cost, instead of walking the host stack on every allocation to
    /// find a kext frame that is not there.
    static let workloadAddress: UInt = {
        let f: @convention(c) () -> Void = {}
        return unsafeBitCast(f, to: UInt.self)
    }()

    init(kext: KextID) { self.kext = kext }

    func kext(containing address: UInt) -> KextID? {
        address == Self.offLevelAddress || address == Self.timerAddress || address == Self.workloadAddress ? kext : nil
    }

    func location(of address: UInt) -> String? {
        switch address {
        case Self.offLevelAddress: "stress_offlevel+0x0"
        case Self.timerAddress: "stress_timer+0x0"
        case Self.workloadAddress: "stress_workload+0x0"
        default: nil
        }
    }

    func frame(of address: UInt) -> KextFrame? { nil }

    func callHandler(_ function: UInt, argument: UInt, kext: KextID) -> HandlerOutcome {
        handler()
        return .returned(0)
    }
}
