import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    /// Turns a host memory fault caused by kext code into the Data Storage Interrupt AIX would
    /// have taken, worded for the person who wrote the kext, and records it as the run's crash.
    /// `pc` is the faulting instruction, for the report's source line.
    /// `callers` are the return addresses of the frame-pointer chain the fault guard saved, and
    /// `stack` the first words at the stack pointer.
    public func recordDataStorageInterrupt(hostAddress: UInt, access kind: AccessKind, kext: KextID,
                                           location: String?, pc: UInt? = nil, callers: [UInt] = [],
                                           stack: [UInt] = [])
    {
        recordCrash(dataStorageInterrupt(hostAddress: hostAddress, access: kind, kext: kext,
                                         location: location, service: nil, pc: pc,
                                         callers: leafReturn(pc: pc, stack: stack, callers: callers) + callers))
    }

    /// The kext frames of a fault in kext code: the faulting instruction, then each caller in
    /// the saved chain while it lies in a kext (the chain's end runs into libffi and aixsim).
    func faultFrames(pc: UInt?, callers: [UInt]) -> [KextFrame]? {
        guard let runtime, let pc, let first = runtime.frame(of: pc) else { return nil }
        var frames = [first]
        for ra in callers {
            // A return address points after the call; step back into the calling instruction.
            guard ra > 1, runtime.kext(containing: ra - 1) != nil, let frame = runtime.frame(of: ra - 1) else { break }
            frames.append(frame)
        }
        return frames
    }

    /// A fault inside a service on memory a kext handed it (through a pointer argument): AIX
    /// takes the same DSI, in kernel code, on the kext's behalf.
    func serviceFault(_ fault: aixsim_fault, in call: ServiceCall, what: String) -> Crash {
        dataStorageInterrupt(hostAddress: fault.address, access: fault.access,
                             kext: call.kext, location: "in \(call.export.name), \(what)",
                             service: call.export.name)
    }

    /// A function without a frame of its own (GCC builds leaves so) is missing from the chain;
    /// its return address is then among the first stack words. Only a word that is provably
    /// that return address counts: in kext code, right after a direct call (E8 rel32) whose
    /// target is the faulting function's start. Empty when the chain already has it.
    func leafReturn(pc: UInt?, stack: [UInt], callers: [UInt]) -> [UInt] {
        guard let runtime, let pc, let offset = runtime.frame(of: pc)?.offset else { return [] }
        let start = pc &- UInt(offset)
        let found = stack.first { ra in
            guard ra > 5, runtime.kext(containing: ra - 5) != nil,
                  case .success(let opcode) = KextMemory.read(UInt8.self, at: ra - 5), opcode == 0xE8,
                  case .success(let displacement) = KextMemory.read(Int32.self, at: ra - 4)
            else { return false }
            return ra &+ UInt(bitPattern: Int(displacement)) == start
        }
        guard let found, callers.first != found else { return [] }
        return [found]
    }

    /// The class of a native fault at `hostAddress`, from where it lies and what the CPU was doing.
    func classifyFault(hostAddress: UInt) -> (FaultClassification, EffectiveAddress?) {
        if let owner = runtime?.servicesTableOwner(containing: hostAddress) {
            return (.servicesTable(owner: owner), nil)
        }
        if let (structure, distance) = HandedStructureArena.shared.structure(overrunBy: hostAddress) {
            return (.handedStructureOverrun(structure, distance: distance), nil)
        }
        // x86-64 addresses are canonical (bits 63…47 equal); AIX's kernel addresses start 0xF.
        let top = Int64(bitPattern: UInt64(hostAddress)) >> 47
        if top != 0 && top != -1 && hostAddress >> 60 == 0xF {
            return (.effectiveAddressAsPointer, nil)
        }
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

    func dataStorageInterrupt(hostAddress: UInt, access kind: AccessKind, kext: KextID, location: String?,
                              service: String?, pc: UInt? = nil, callers: [UInt] = []) -> Crash
    {
        let faultFrame = faultFrames(pc: pc, callers: callers)
        if var user = userAddressFault(hostAddress: hostAddress, access: kind, kext: kext,
                                       location: location) {
            user.frames = faultFrame
            return user
        }
        if var failure = pagingFailureCrash(hostAddress: hostAddress, access: kind, kext: kext,
                                            location: location) {
            failure.frames = faultFrame
            return failure
        }
        let access: Crash.Access = kind == .store ? .store : .load
        let (fault, near) = classifyFault(hostAddress: hostAddress)
        // Outside global memory the report shows the raw value; the walk of it finds no segment.
        let ea = near ?? EffectiveAddress(UInt64(hostAddress))
        let walk = faultWalk(ea, access: kind)
            ?? vmm.translator.probe(ea: ea, access: kind, state: .supervisor)
        let dsisr = Self.dsisr(of: walk)
        // The page-fault report stands on the rule alone; the MMU context is for the DSIs.
        let mmu: MMUContext? = switch fault {
        case .nullPointer, .wildPointer, .unpinnedAtRaisedPriority, .servicesTable, .handedStructureOverrun,
             .effectiveAddressAsPointer: nil
        default: mmuContext(of: walk)
        }
        let allocation = mmu == nil ? nil : xmallocAllocation(at: ea)
        var words = FaultWording(
            fault: fault, access: access, address: ea, dsisr: dsisr, kext: name(of: kext), service: service,
            mmu: mmu, xmallocContext: xmallocContext(of: ea, record: allocation), allocation: allocation)
        if case .unpinnedAtRaisedPriority(let region, _, _) = fault {
            words.pinnedPages = vmm.pinnedPages(of: region).count
        }
        if case .servicesTable(let owner) = fault {
            words.faultingKext = kext
            words.ownerName = name(of: owner)
        }
        var crash = Crash(kind: .dsi, ea: ea, access: access, dsisr: dsisr, message: words.message,
                          explanation: words.explanation, kext: name(of: kext), location: location)
        crash.mmu = mmu
        crash.xmalloc = allocation.map { layers(namedHeap: $0.heap, record: $0, region: fault.region, page: pageOf(ea)) }
        crash.fault = fault
        crash.frames = faultFrame
        return crash
    }
}
