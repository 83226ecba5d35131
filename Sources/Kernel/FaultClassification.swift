import ExecutionEnvironment
import PowerArch
import VMM

/// What a kext's faulting access was, decided from where the address lies and what the CPU was
/// doing; no words. `FaultWording` turns it into the report's text.
public enum FaultClassification: Hashable, Sendable {
    /// Outside global memory, within the first 64 KB: a NULL pointer or a small offset from one.
    case nullPointer
    /// Outside global memory anywhere else: a wild or uninitialised pointer.
    case wildPointer
    /// Inside a live region while the CPU could not take a page fault. `source` is what brought
    /// it to interrupt level; nil when it was only disabled to `priority`.
    case unpinnedAtRaisedPriority(GallocRegion, source: InterruptSource?, priority: InterruptPriority)
    /// Inside a live region that should not have faulted: its page was made inaccessible behind
    /// the VMM's back.
    case insideLiveRegion(GallocRegion)
    /// Inside a region vm_gfree had already freed.
    case useAfterFree(GallocRegion)
    /// Beyond a region's last byte; `distance` 1 is the first byte after it.
    case overrun(GallocRegion, distance: Int64)
    /// In front of a region; `distance` is the (positive) number of bytes before its start.
    case underrun(GallocRegion, distance: Int64)
    /// In the galloc heap, where nothing is or was allocated nearby.
    case unallocatedHeap
    /// In the kernel-services table aixsim bound for `owner`, which is read-only once bound.
    case servicesTable(owner: KextID)
    /// Past the end of a structure aixsim handed the kext (a trb, the entry point's uio), into
    /// the guard page after it; `distance` 1 is the first byte after it.
    case handedStructureOverrun(HandedStructure, distance: Int64)
    /// A non-canonical host address in AIX's kernel range (0xF…): an effective address, as the
    /// reports print them, used as a host pointer. Only known when decoded from the instruction.
    case effectiveAddressAsPointer

    /// Host addresses below this are taken for a NULL pointer plus an offset.
    public static let nullPageLimit: UInt = 0x10000

    /// Decides the class of a fault at `hostAddress`. `relation` is nil when the address is not
    /// in (or near) global memory.
    public static func classify(
        hostAddress: UInt, relation: RegionRelation?, mayPageFault: Bool,
        source: InterruptSource?, priority: InterruptPriority
    ) -> FaultClassification {
        guard let relation else { return hostAddress < nullPageLimit ? .nullPointer : .wildPointer }
        switch relation {
        case .inside(let r) where !mayPageFault:
            return .unpinnedAtRaisedPriority(r, source: source, priority: priority)
        case .inside(let r): return .insideLiveRegion(r)
        case .insideFreed(let f): return .useAfterFree(f.region)
        case .nearest(let r, let distance) where distance > 0: return .overrun(r, distance: distance)
        case .nearest(let r, let distance): return .underrun(r, distance: -distance)
        case .none: return .unallocatedHeap
        }
    }

    /// The region the fault is charged to, if any.
    public var region: GallocRegion? {
        switch self {
        case .unpinnedAtRaisedPriority(let r, _, _), .insideLiveRegion(let r), .useAfterFree(let r),
             .overrun(let r, _), .underrun(let r, _):
            r
        case .nullPointer, .wildPointer, .unallocatedHeap, .servicesTable, .handedStructureOverrun,
             .effectiveAddressAsPointer:
            nil
        }
    }

    /// Whether AIX's V_SYSTEM rule applies: a storage reference error in a live V_SYSTEM area
    /// always crashes. A freed area is no longer a V_SYSTEM area: the rule ended with it.
    public var isSystemArea: Bool {
        switch self {
        case .insideLiveRegion(let r), .overrun(let r, _), .underrun(let r, _): r.flags.contains(.system)
        default: false
        }
    }

    /// Whether the address lies in the kernel's global memory (so the MMU has a story to tell).
    public var isInGlobalMemory: Bool {
        switch self {
        case .nullPointer, .wildPointer, .servicesTable, .handedStructureOverrun, .effectiveAddressAsPointer: false
        default: true
        }
    }
}
