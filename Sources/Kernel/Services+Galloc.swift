import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    static let gallocServices: [String: ServiceDefinition] = [
        "vm_galloc": .init(implementation: { $0.vmGalloc($1) }, arguments: { $0.vmGallocArguments($1) }),
        "vm_gfree": .init(implementation: { $0.vmGfree($1) }, arguments: { $0.vmGfreeArguments($1) }),
        "printf": .init(implementation: { $0.printf($1) }, arguments: { $0.printfArguments($1) }),
        "uiomove": .init(implementation: { $0.uiomove($1) }, arguments: { $0.uiomoveArguments($1) }),
    ]

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
        if faultInjector.shouldFail(.vmGalloc) {
            record(call, result: Int64(AIXErrno.noMemory.rawValue), error: .noMemory, detail: "injected failure (--fail vm_galloc)")
            return .errno(.noMemory)
        }
        switch heap.allocate(flags: flags, size: size, owner: owner(call.kext)) {
        case .failure(let e):
            record(call, result: Int64(e.rawValue), error: e)
            return .errno(e)
        case .success(let region):
            let host = heap.map.host(from: region.start)!
            var fault = aixsim_fault()
            if aixsim_guarded_store_ulong(
                UnsafeMutablePointer(bitPattern: eaddr), UInt(host), &fault) != 0
            {
                // Never a partial result: the region goes back before the crash is reported.
                _ = heap.free(start: region.start, size: Int64(region.size))
                record(call, result: 0, detail: "crashed storing through eaddr")
                recordCrash(serviceFault(fault, in: call, what: "storing the new region's address through eaddr"))
                return .crashed
            }
            record(call, result: 0,
                   detail: "*eaddr = \(region.start) (\(ByteCount(region.size)), PP \(region.protection.bits)"
                       + (flags.contains(.system) ? ", V_SYSTEM" : "") + ")")
            return .value(0)
        }
    }

    /// `int vm_gfree(ulong eaddr, vmsize_t size)`
    func vmGfree(_ call: ServiceCall) -> ServiceReturn {
        let host = call.arguments.pointer(0)
        let size = call.arguments.long(1)
        guard let ea = heap.map.effectiveAddress(fromHost: host) else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue),
                   error: .invalidArgument, detail: "not an address in the galloc heap")
            return .errno(.invalidArgument)
        }
        let pinnedPages = heap.region(containing: ea).map { heap.pinnedPages(of: $0) } ?? []
        switch heap.free(start: ea, size: size) {
        case .failure(let e):
            record(call, result: Int64(e.rawValue), error: e,
                   detail: gfreeMismatch(ea: ea, size: size))
            return .errno(e)
        case .success(let region):
            if !pinnedPages.isEmpty {
                // AIX's vm_gfree has no error for this: the free happens and the pins are lost.
                findings.append(Finding(
                    kind: .freedWhilePinned, ea: region.start, size: region.size, kext: name(of: call.kext),
                    message: "vm_gfree freed the \(ByteCount(region.size)) region at \(region.start) while "
                        + (pinnedPages.count == 1 ? "1 of its pages was" : "\(pinnedPages.count) of its pages were")
                        + " still pinned (first: \(pinnedPages[0])); "
                        + "unpin before freeing, or the pin accounting is lost"))
            }
            record(call, result: 0, detail: "freed \(ByteCount(region.size)) at \(region.start)")
            return .value(0)
        }
    }

    /// Why a vm_gfree was refused, in words.
    private func gfreeMismatch(ea: EffectiveAddress, size: Int64) -> String {
        if size <= 0 { return "size must be positive" }
        if ea.pageOffset != 0 { return "\(ea) is not page-aligned, so no region starts there" }
        switch heap.relation(of: ea) {
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
}
