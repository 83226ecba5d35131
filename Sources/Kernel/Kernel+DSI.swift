import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    /// Turns a host memory fault caused by kext code into the Data Storage Interrupt AIX would
    /// have taken, worded for the person who wrote the kext, and records it as the run's crash.
    /// `pc` is the faulting instruction, for the report's source line.
    public func recordDataStorageInterrupt(hostAddress: UInt, isWrite: Bool, kext: KextID,
                                           location: String?, pc: UInt? = nil)
    {
        recordCrash(dataStorageInterrupt(hostAddress: hostAddress, isWrite: isWrite, kext: kext,
                                         location: location, service: nil, pc: pc))
    }

    /// A fault inside a service on memory a kext handed it (through a pointer argument): AIX
    /// takes the same DSI, in kernel code, on the kext's behalf.
    func serviceFault(_ fault: aixsim_fault, in call: ServiceCall, what: String) -> Crash {
        dataStorageInterrupt(hostAddress: fault.address, isWrite: fault.is_write != 0,
                             kext: call.kext, location: "in \(call.export.name), \(what)",
                             service: call.export.name)
    }

    /// The class of a native fault at `hostAddress`, from where it lies and what the CPU was doing.
    func classifyFault(hostAddress: UInt) -> (FaultClassification, EffectiveAddress?) {
        let ea = vmm.map.effectiveAddress(near: HostAddress(rawValue: hostAddress), margin: PageSize.bytes)
        let fault = FaultClassification.classify(
            hostAddress: hostAddress, relation: ea.map(vmm.relation(of:)), mayPageFault: cpu.mayPageFault,
            source: cpu.source, priority: cpu.priority)
        return (fault, ea)
    }

    /// The DSISR of the DSI the software MMU raises for `walk`'s access. Two faults the host
    /// saw have no DSI of their own in the walk, and take the one of an absent page: a segment
    /// AIX never created (its segment-fault handler finds nothing to load and reflects a DSI),
    /// and a page the walk would translate but the VMM withheld (unpinned, touched where no page
    /// fault may be taken).
    static func dsisr(of walk: TranslationWalk) -> DSISR {
        if let dsisr = walk.interrupt?.dsisr { return dsisr }
        return StorageInterrupt.noTranslation(at: walk.effectiveAddress, access: walk.access).dsisr ?? []
    }

    func dataStorageInterrupt(hostAddress: UInt, isWrite: Bool, kext: KextID, location: String?,
                              service: String?, pc: UInt? = nil) -> Crash
    {
        let faultFrame = pc.flatMap { runtime?.frame(of: $0) }.map { [$0] }
        if var failure = pagingFailureCrash(hostAddress: hostAddress, isWrite: isWrite, kext: kext,
                                            location: location) {
            failure.frames = faultFrame
            return failure
        }
        let access: Crash.Access = isWrite ? .store : .load
        let kind: AccessKind = isWrite ? .store : .load
        let (fault, near) = classifyFault(hostAddress: hostAddress)
        // Outside global memory the report shows the raw value; the walk of it finds no segment.
        let ea = near ?? EffectiveAddress(UInt64(hostAddress))
        let walk = faultWalk(ea, access: kind)
            ?? vmm.translator.probe(ea: ea, access: kind, state: .supervisor)
        let dsisr = Self.dsisr(of: walk)
        // The page-fault report stands on the rule alone; the MMU context is for the DSIs.
        let mmu: MMUContext? = switch fault {
        case .nullPointer, .wildPointer, .unpinnedAtRaisedPriority: nil
        default: mmuContext(of: walk)
        }
        let allocation = mmu == nil ? nil : xmallocAllocation(at: ea)
        let words = FaultWording(
            fault: fault, access: access, address: ea, dsisr: dsisr, kext: name(of: kext), service: service,
            mmu: mmu, xmallocContext: xmallocContext(of: ea, record: allocation), allocation: allocation)
        var crash = Crash(kind: .dsi, ea: ea, access: access, dsisr: dsisr, message: words.message,
                          explanation: words.explanation, kext: name(of: kext), location: location)
        crash.mmu = mmu
        crash.xmalloc = allocation.map { layers(namedHeap: $0.heap, record: $0, region: fault.region, page: pageOf(ea)) }
        crash.fault = fault
        crash.frames = faultFrame
        return crash
    }
}
