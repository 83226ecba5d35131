import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    static let pagingServices: [String: ServiceDefinition] = [
        "aixsim_pginfo": .init(implementation: { $0.pginfo($1) }, arguments: { $0.pginfoArguments($1) }),
        "vm_guatt": .init(implementation: { $0.vmGuatt($1) }, arguments: { $0.vmGuattArguments($1) }),
        "vm_gudet": .init(implementation: { $0.vmGudet($1) }, arguments: { $0.vmGudetArguments($1) }),
    ]

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
        guard let ea = heap.map.effectiveAddress(fromHost: a.pointer(0)) else { return refuse("kaddr is not global memory") }
        var current: UInt = 0
        var fault = aixsim_fault()
        if aixsim_guarded_copy(&current, UnsafeRawPointer(bitPattern: a.pointer(4)), MemoryLayout<UInt>.size, &fault) != 0 {
            record(call, result: 0, detail: "crashed reading *uaddr")
            recordCrash(serviceFault(fault, in: call, what: "reading *uaddr"))
            return .crashed
        }
        guard current == 0 else { return refuse("*uaddr must be NULL on entry") }
        switch heap.attachToUser(ea, size: a.long(1), key: key) {
        case .failure:
            return refuse(a.long(1) <= 0 ? "size must be positive"
                : "the range is not inside one vm_galloc region (aixsim: nor inside one segment)")
        case .success(let user):
            if aixsim_guarded_store_ulong(UnsafeMutablePointer(bitPattern: a.pointer(4)), UInt(user.rawValue), &fault) != 0 {
                record(call, result: 0, detail: "crashed storing through uaddr")
                recordCrash(serviceFault(fault, in: call, what: "storing the user address through uaddr"))
                return .crashed
            }
            record(call, result: 0, detail: "attached at user address \(user) (key \(key == .privileged ? "VM_PRIV: Ks=0 Kp=0" : "VM_UNPRIV: Ks=1 Kp=1"))")
            return .value(0)
        }
    }

    /// `int vm_gudet(void *kaddr, void *uaddr, vmsize_t size, long flags)`
    func vmGudet(_ call: ServiceCall) -> ServiceReturn {
        let a = call.arguments
        guard a.long(3) == Self.attachAnywhere,
              let ea = heap.map.effectiveAddress(fromHost: a.pointer(0)),
              heap.detachFromUser(ea, user: EffectiveAddress(UInt64(a.pointer(1))), size: a.long(2)) == nil
        else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: a.long(3) == Self.attachAnywhere ? "no such attachment of a live region" : "flags must be VU_ANYWHERE")
            return .errno(.invalidArgument)
        }
        record(call, result: 0, detail: "detached")
        return .value(0)
    }

    /// A load the simulated user process makes (problem state), e.g. through a vm_guatt address.
    public func userLoad(_ ea: EffectiveAddress, count: Int) -> Result<[UInt8], StorageInterrupt> {
        heap.load(ea, count: count, state: .problem)
    }

    /// A store the simulated user process makes; the storage interrupt that refused it, if any.
    public func userStore(_ bytes: [UInt8], at ea: EffectiveAddress) -> StorageInterrupt? {
        heap.store(bytes, at: ea, state: .problem)
    }

    func pginfoArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "addr", value: describePointer(a.pointer(0)))]
    }

    /// `int aixsim_pginfo(void *addr)`: the page's state as AIXSIM_PG_* bits; -1 outside global
    /// memory. Reading the state does not touch the page, so R and C are as the kext left them.
    func pginfo(_ call: ServiceCall) -> ServiceReturn {
        guard let ea = heap.map.effectiveAddress(fromHost: call.arguments.pointer(0)) else {
            record(call, result: -1, detail: "not global memory")
            return .value(-1)
        }
        let state = heap.pageState(at: ea)
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
