import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    static let vmUserServices = ServiceTable(header: "sys/vmuser.h", definitions: [
        "vm_galloc": .init(implementation: { $0.vmGalloc($1) }, arguments: { $0.vmGallocArguments($1) }),
        "vm_gfree": .init(implementation: { $0.vmGfree($1) }, arguments: { $0.vmGfreeArguments($1) }),
        "aixsim_pginfo": .init(implementation: { $0.pginfo($1) }, arguments: { $0.pginfoArguments($1) }),
        "vm_guatt": .init(implementation: { $0.vmGuatt($1) }, arguments: { $0.vmGuattArguments($1) }),
        "vm_gudet": .init(implementation: { $0.vmGudet($1) }, arguments: { $0.vmGudetArguments($1) }),
    ])

    func vmGallocArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "type", value: GallocFlags(rawValue: UInt32(bitPattern: a.int(0))).aixSpelling),
            CallArgument(name: "size", value: String(a.long(1))),
            CallArgument(name: "eaddr", value: describePointer(a.pointer(2))),
        ]
    }

    func vmGfreeArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "eaddr", value: describePointer(a.pointer(0))),
            CallArgument(name: "size", value: String(a.long(1))),
        ]
    }

    /// `int vm_galloc(int type, vmsize_t size, ulong *eaddr)`
    func vmGalloc(_ call: ServiceCall) -> ServiceReturn {
        let flags = GallocFlags(rawValue: UInt32(bitPattern: call.arguments.int(0)))
        let size = call.arguments.long(1)
        let eaddr = call.arguments.pointer(2)
        if faultInjector.shouldFail(.vmGalloc, returnAddress: dispatcher.returnAddress, site: callingSite) {
            record(call, result: Int64(AIXErrno.noMemory.rawValue), error: .noMemory, detail: "injected failure (--fail vm_galloc)")
            return .errno(.noMemory)
        }
        switch vmm.allocate(flags: flags, size: size, owner: owner(call.kext)) {
        case .failure(let e):
            record(call, result: Int64(e.rawValue), error: e, detail: gallocRefusal(e, flags: flags, size: size))
            return .errno(e)
        case .success(let region):
            let host = vmm.map.hostAddress(of: region.start)!.rawValue
            if case .failure(let fault) = KextMemory.storeWord(UInt(host), at: eaddr) {
                // Never a partial result: the region goes back before the crash is reported.
                _ = vmm.free(start: region.start, size: Int64(region.size))
                return crashed(call, fault, detail: "crashed storing through eaddr",
                               what: "storing the new region's address through eaddr")
            }
            record(call, result: 0,
                   detail: "*eaddr = \(region.start) (\(ByteCount(region.size)), PP \(region.protection.bits)"
                       + (flags.contains(.system) ? ", V_SYSTEM" : "") + ")")
            return .value(0)
        }
    }

    /// `int vm_gfree(ulong eaddr, vmsize_t size)`
    /// Inlined into its table entry: the refusal of an address outside the heap is a few loads,
    /// and should not cost a frame of its own.
    @inline(__always)
    func vmGfree(_ call: ServiceCall) -> ServiceReturn {
        guard let ea = vmm.map.effectiveAddress(ofKextPointer: call.arguments.pointer(0)) else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue),
                   error: .invalidArgument, detail: "not an address in the galloc heap")
            return .errno(.invalidArgument)
        }
        return vmGfree(call, at: ea)
    }

    /// vm_gfree of an address in the heap. Out of line: its frame (the free, the pin finding) is
    /// large, and a refused call must not pay to set it up.
    @inline(never)
    private func vmGfree(_ call: ServiceCall, at ea: EffectiveAddress) -> ServiceReturn {
        let size = call.arguments.long(1)
        let pinnedPages = vmm.region(containing: ea).map { vmm.pinnedPages(of: $0) } ?? []
        switch vmm.free(start: ea, size: size) {
        case .failure(let e):
            record(call, result: Int64(e.rawValue), error: e,
                   detail: gfreeMismatch(ea: ea, size: size))
            return .errno(e)
        case .success(let region):
            if !pinnedPages.isEmpty {
                // AIX's vm_gfree has no error for this: the free happens and the pins are lost.
                let frames = kextFramesOnStack()
                let site = frames.first.map { " in \($0.site)" } ?? ""
                var finding = Finding(
                    kind: .freedWhilePinned, ea: region.start, size: region.size, kext: name(of: call.kext),
                    message: "vm_gfree\(site) freed the \(ByteCount(region.size)) region at \(region.start) while "
                        + (pinnedPages.count == 1 ? "1 of its pages was" : "\(pinnedPages.count) of its pages were")
                        + " still pinned (first: \(pinnedPages[0])); "
                        + "unpin before freeing, or the pin accounting is lost")
                finding.frames = frames.isEmpty ? nil : frames
                accounting.findings.append(finding)
            }
            record(call, result: 0, detail: "freed \(ByteCount(region.size)) at \(region.start)")
            return .value(0)
        }
    }

    /// Which of vm_galloc's reasons refused it, every one that applied, in words.
    func gallocRefusal(_ error: AIXErrno, flags: GallocFlags, size: Int64) -> String {
        switch error {
        case .invalidArgument:
            var reasons: [String] = []
            if !flags.contains(.working) { reasons.append("V_WORKING missing from type") }
            let unknown = flags.subtracting(GallocFlags.acceptedByGalloc)
            if !unknown.isEmpty {
                reasons.append("unknown type bits 0x\(String(unknown.rawValue, radix: 16, uppercase: true))"
                    + " (vm_galloc takes V_WORKING, V_SYSTEM, V_UREAD, V_NOEXEC)")
            }
            if size <= 0 { reasons.append("size \(size) <= 0") }
            return reasons.joined(separator: "; ")
        case .noSpace:
            return "no free range of \(ByteCount(PageSize.roundUp(UInt64(max(size, 1))))) left in the galloc heap"
        case .noMemory:
            return "paging space cannot back \(ByteCount(PageSize.roundUp(UInt64(max(size, 1))))) more"
        default:
            return ""
        }
    }

    /// Why a vm_gfree was refused, in words.
    private func gfreeMismatch(ea: EffectiveAddress, size: Int64) -> String {
        if size <= 0 { return "size must be positive" }
        if ea.pageOffset != 0 { return "\(ea) is not page-aligned, so no region starts there" }
        switch vmm.relation(of: ea) {
        case .inside(let r) where r.start == ea:
            return "the region at \(ea) is \(r.size) bytes; size \(size) rounds to "
                + "\(PageSize.roundUp(UInt64(size))): vm_gfree needs the exact size"
        case .inside(let r):
            return "\(ea) is inside the region at \(r.start), not its start: vm_gfree frees whole regions only"
        case .insideFreed(let f):
            return "the region at \(f.region.start) was already freed"
        default:
            return "no region starts at \(ea)"
        }
    }

    // MARK: - Attaching to the user process, and aixsim_pginfo

    /// VU_ANYWHERE, the one flag vm_guatt and vm_gudet accept.
    static let attachAnywhere: Int64 = 0x2

    func vmGuattArguments(_ a: ServiceArguments) -> [CallArgument] {
        let key = a.int(2)
        return [
            CallArgument(name: "kaddr", value: describePointer(a.pointer(0))),
            CallArgument(name: "size", value: String(a.long(1))),
            CallArgument(name: "key", value: key == 0 ? "VM_PRIV" : key == 1 ? "VM_UNPRIV" : String(key)),
            CallArgument(name: "flags", value: a.long(3) == Self.attachAnywhere ? "VU_ANYWHERE" : String(a.long(3))),
            CallArgument(name: "uaddr", value: describePointer(a.pointer(4))),
        ]
    }

    func vmGudetArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "kaddr", value: describePointer(a.pointer(0))),
            CallArgument(name: "uaddr", value: "0x" + String(a.pointer(1), radix: 16, uppercase: true)),
            CallArgument(name: "size", value: String(a.long(2))),
            CallArgument(name: "flags", value: a.long(3) == Self.attachAnywhere ? "VU_ANYWHERE" : String(a.long(3))),
        ]
    }

    /// `int vm_guatt(void *kaddr, vmsize_t size, vmkey_t key, long flags, void **uaddr)`:
    /// attaches a galloc'd range into the simulated user process. The user address it stores is
    /// not dereferenceable by the kext (it is the process's address, as on AIX); scenarios and
    /// tests use it with `userLoad`/`userStore`.
    func vmGuatt(_ call: ServiceCall) -> ServiceReturn {
        let a = call.arguments
        func refuse(_ why: String) -> ServiceReturn {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument, detail: why)
            return .errno(.invalidArgument)
        }
        guard a.long(3) == Self.attachAnywhere else { return refuse("flags must be VU_ANYWHERE") }
        guard let key = UserAttachment.Key(rawValue: a.int(2)) else { return refuse("key must be VM_PRIV or VM_UNPRIV") }
        guard let ea = vmm.map.effectiveAddress(ofKextPointer: a.pointer(0)) else { return refuse("kaddr is not global memory") }
        let current: UInt
        switch KextMemory.read(UInt.self, at: a.pointer(4)) {
        case .success(let value): current = value
        case .failure(let fault): return crashed(call, fault, detail: "crashed reading *uaddr", what: "reading *uaddr")
        }
        guard current == 0 else { return refuse("*uaddr must be NULL on entry") }
        switch vmm.attachToUser(ea, size: a.long(1), key: key) {
        case .failure:
            return refuse(a.long(1) <= 0 ? "size must be positive"
                : "the range is not inside one vm_galloc region (aixsim: nor inside one segment)")
        case .success(let user):
            if case .failure(let fault) = KextMemory.storeWord(UInt(user.rawValue), at: a.pointer(4)) {
                return crashed(call, fault, detail: "crashed storing through uaddr",
                               what: "storing the user address through uaddr")
            }
            record(call, result: 0, detail: "attached at user address \(user) (key \(key == .privileged ? "VM_PRIV: Ks=0 Kp=0" : "VM_UNPRIV: Ks=1 Kp=1"))")
            return .value(0)
        }
    }

    /// `int vm_gudet(void *kaddr, void *uaddr, vmsize_t size, long flags)`
    func vmGudet(_ call: ServiceCall) -> ServiceReturn {
        let a = call.arguments
        guard a.long(3) == Self.attachAnywhere,
              let ea = vmm.map.effectiveAddress(ofKextPointer: a.pointer(0)),
              vmm.detachFromUser(ea, user: EffectiveAddress(UInt64(a.pointer(1))), size: a.long(2)) == nil
        else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: a.long(3) == Self.attachAnywhere ? "no such attachment of a live region" : "flags must be VU_ANYWHERE")
            return .errno(.invalidArgument)
        }
        record(call, result: 0, detail: "detached")
        return .value(0)
    }

    func pginfoArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "addr", value: describePointer(a.pointer(0)))]
    }

    /// `int aixsim_pginfo(void *addr)`: the page's state as AIXSIM_PG_* bits; -1 outside global
    /// memory. Reading the state does not touch the page, so R and C are as the kext left them.
    func pginfo(_ call: ServiceCall) -> ServiceReturn {
        guard let ea = vmm.map.effectiveAddress(ofKextPointer: call.arguments.pointer(0)) else {
            record(call, result: -1, detail: "not global memory")
            return .value(-1)
        }
        let state = vmm.pageState(at: ea)
        var bits: Int64 = 0
        if state.residency != .unallocated { bits |= 0x01 }
        if state.residency == .resident { bits |= 0x02 }
        if state.referenced { bits |= 0x04 }
        if state.changed { bits |= 0x08 }
        if state.pinned { bits |= 0x10 }
        if state.residency == .pagedOut { bits |= 0x20 }
        record(call, result: bits, detail: "page \(EffectiveAddress(ea.rawValue & ~0xFFF)): \(state)",
               resultText: "0x" + String(bits, radix: 16))
        return .value(bits)
    }
}
