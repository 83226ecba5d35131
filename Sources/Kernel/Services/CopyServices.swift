import PowerArch
import VMM

/// The services that move data across the user/kernel boundary: `copyin`, `copyout`,
/// `copyinstr` (`<sys/uio.h>`), `fubyte`, `fuword`, `subyte`, `suword` (`<sys/user.h>`), and the
/// system call's error word, `setuerror`/`getuerror` (`<sys/errno.h>`).
///
/// The rule they enforce: the user side of a copy must be memory the current user process has
/// mapped. Anything else, a kernel address above all, fails the way AIX fails it, with EFAULT
/// (or -1 for the byte and word services), and nothing is copied. The kernel side is trusted, as
/// on AIX: a bad kernel address there is the DSI AIX takes in kernel code. A kernel-side address
/// that is really a user address is the same bug as dereferencing it, and reported as such.
extension Kernel {
    static let copyServices = ServiceTable(header: "sys/uio.h", definitions: [
        "copyin": .init(implementation: { $0.copy($1, direction: .in) },
                        arguments: { $0.copyArguments($1, names: ["uaddr", "kaddr", "count"]) }),
        "copyout": .init(implementation: { $0.copy($1, direction: .out) },
                         arguments: { $0.copyArguments($1, names: ["kaddr", "uaddr", "count"]) }),
        "copyinstr": .init(implementation: { $0.copyinstr($1) },
                           arguments: { $0.copyArguments($1, names: ["from", "to", "max", "actual"]) }),
    ])

    static let userServices = ServiceTable(header: "sys/user.h", definitions: [
        "fubyte": .init(implementation: { $0.fetch($1, bytes: 1) }, arguments: { $0.copyArguments($1, names: ["uaddr"]) }),
        "fuword": .init(implementation: { $0.fetch($1, bytes: 4) }, arguments: { $0.copyArguments($1, names: ["uaddr"]) }),
        "subyte": .init(implementation: { $0.store($1, bytes: 1) }, arguments: { $0.copyArguments($1, names: ["uaddr", "c"]) }),
        "suword": .init(implementation: { $0.store($1, bytes: 4) }, arguments: { $0.copyArguments($1, names: ["uaddr", "w"]) }),
    ])

    static let errnoServices = ServiceTable(header: "sys/errno.h", definitions: [
        "setuerror": .init(implementation: { $0.setuerror($1) }, arguments: { k, a in
            [CallArgument(name: "errno", value: AIXErrno(rawValue: a.int(0)).name)]
        }),
        "getuerror": .init(implementation: { $0.getuerror($1) }, arguments: { _, _ in [] }),
    ])

    /// ENAMETOOLONG: copyinstr's string did not end within `max` bytes. (AIX's value.)
    static let nameTooLong = AIXErrno(rawValue: 86)

    enum CopyDirection { case `in`, out }

    /// Why a user address was refused, in a few words for the trace.
    func userAddressProblem(_ address: UInt, count: Int, access: AccessKind = .load) -> String? {
        guard let process = userProcess else {
            return "no user process is making a system call: there is no user address space to copy from"
        }
        if userRangeTranslates(address, count: count, access: access, in: process) { return nil }
        if address == 0 { return "the user address is NULL" }
        if vmm.map.effectiveAddress(ofKextPointer: address) != nil || runtime?.kext(containing: address) != nil {
            return "\(describePointer(address)) is a kernel address, not one of the process's: AIX refuses it"
        }
        return "\(describeUserPointer(address)) is not mapped in the user process"
    }

    /// A pointer as the process sees it: its user effective address when it is one.
    func describeUserPointer(_ host: UInt) -> String {
        userEffectiveAddress(of: host)?.description ?? describePointer(host)
    }

    /// A kernel-side address that is in fact user memory: the kext dereferences (through the
    /// service) what only a copy may reach. The DSI AIX takes when kernel code touches the user
    /// segment through a kernel address it does not map.
    func userPointerAsKernelBuffer(_ call: ServiceCall, _ address: UInt, what: String) -> ServiceReturn? {
        guard let crash = userAddressFault(hostAddress: address, access: .store, kext: call.kext,
                                           location: "in \(call.export.name), \(what)") else { return nil }
        record(call, result: 0, detail: "crashed: \(what) \(describeUserPointer(address)) is a user address")
        recordCrash(crash)
        return .crashed
    }

    /// `int copyin(void *uaddr, void *kaddr, int count)` and `copyout(kaddr, uaddr, count)`:
    /// 0, or EFAULT if the user range is not the process's.
    func copy(_ call: ServiceCall, direction: CopyDirection) -> ServiceReturn {
        let a = call.arguments
        let (user, kernel) = direction == .in ? (a.pointer(0), a.pointer(1)) : (a.pointer(1), a.pointer(0))
        let count = Int(a.int(2))
        guard count > 0 else {
            record(call, result: count == 0 ? 0 : Int64(AIXErrno.badAddress.rawValue),
                   error: count == 0 ? nil : .badAddress, detail: count == 0 ? "nothing to copy" : "negative count")
            return count == 0 ? .value(0) : .errno(.badAddress)
        }
        if let problem = userAddressProblem(user, count: count, access: direction == .in ? .load : .store) {
            record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress, detail: problem)
            return .errno(.badAddress)
        }
        if let crash = userPointerAsKernelBuffer(call, kernel, what: "kaddr") { return crash }
        let (source, destination) = direction == .in ? (user, kernel) : (kernel, user)
        let copied = userProcess!.space.withKernelAccess { KextMemory.copy(count, from: source, to: destination) }
        if case .failure(let fault) = copied {
            return crashed(call, fault, detail: "crashed copying \(count) bytes", what: "the kernel buffer kaddr")
        }
        record(call, result: 0, detail: "\(count) bytes \(direction == .in ? "from" : "to") \(describeUserPointer(user))")
        return .value(0)
    }

    /// `int copyinstr(caddr_t from, caddr_t to, uint max, uint *actual)`: copies a string with
    /// its NUL; ENAMETOOLONG (after copying `max` bytes) when no NUL comes within `max`.
    func copyinstr(_ call: ServiceCall) -> ServiceReturn {
        let a = call.arguments
        let from = a.pointer(0), to = a.pointer(1), actual = a.pointer(3)
        let max = Int(UInt32(truncatingIfNeeded: a[2]))
        guard let process = userProcess, process.space.contains(from) else {
            let problem = userAddressProblem(from, count: 1) ?? "the user address is not mapped"
            record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress, detail: problem)
            return .errno(.badAddress)
        }
        if let crash = userPointerAsKernelBuffer(call, to, what: "to") { return crash }
        // The string may stop anywhere before `max`; only the mapped part of the segment counts.
        let readable = min(max, process.space.bytesReserved(from: from))
        var bytes: [UInt8] = []
        var terminated = false
        process.space.withKernelAccess {
            let p = UnsafePointer<UInt8>(bitPattern: from)!
            for i in 0..<readable where process.space.contains(from + UInt(i)) {
                bytes.append(p[i])
                if p[i] == 0 { terminated = true; break }
            }
        }
        if !terminated, bytes.count < max {
            record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress,
                   detail: "the string runs off the process's mapped memory")
            return .errno(.badAddress)
        }
        let written = bytes.withUnsafeBytes { b in
            KextMemory.copy(b.count, from: UInt(bitPattern: b.baseAddress), to: to)
        }
        if case .failure(let fault) = written {
            return crashed(call, fault, detail: "crashed copying the string", what: "the kernel buffer to")
        }
        if actual != 0, case .failure(let fault) = KextMemory.write(UInt32(bytes.count), to: actual) {
            return crashed(call, fault, detail: "crashed storing *actual", what: "actual")
        }
        let e: AIXErrno? = terminated ? nil : Self.nameTooLong
        record(call, result: Int64(e?.rawValue ?? 0), error: e,
               detail: terminated ? "\(bytes.count) bytes with the NUL" : "no NUL within \(max) bytes")
        return .value(Int64(e?.rawValue ?? 0))
    }

    /// `fubyte`/`fuword`: the byte or word at a user address, or -1 if it is not the process's.
    func fetch(_ call: ServiceCall, bytes: Int) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        if let problem = userAddressProblem(address, count: bytes) {
            record(call, result: -1, detail: problem)
            return .value(-1)
        }
        let value: Int64 = userProcess!.space.withKernelAccess {
            bytes == 1 ? Int64(UnsafePointer<UInt8>(bitPattern: address)!.pointee)
                : Int64(UnsafeRawPointer(bitPattern: address)!.loadUnaligned(as: Int32.self))
        }
        record(call, result: value, detail: "from \(describeUserPointer(address))")
        return .value(value)
    }

    /// `subyte`/`suword`: 0, or -1 if the address is not the process's.
    func store(_ call: ServiceCall, bytes: Int) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        let value = call.arguments.int(1)
        if let problem = userAddressProblem(address, count: bytes, access: .store) {
            record(call, result: -1, detail: problem)
            return .value(-1)
        }
        userProcess!.space.withKernelAccess {
            let p = UnsafeMutableRawPointer(bitPattern: address)!
            if bytes == 1 { p.storeBytes(of: UInt8(truncatingIfNeeded: value), as: UInt8.self) }
            else { p.storeBytes(of: value, as: Int32.self) }
        }
        record(call, result: 0, detail: "to \(describeUserPointer(address))")
        return .value(0)
    }

    /// `int setuerror(int errno)`: the error the system call hands the process; returns it.
    func setuerror(_ call: ServiceCall) -> ServiceReturn {
        let e = call.arguments.int(0)
        userProcess?.uerror = e
        record(call, result: Int64(e), detail: userProcess == nil ? "no user process: kept for nobody" : nil)
        return .value(Int64(e))
    }

    func getuerror(_ call: ServiceCall) -> ServiceReturn {
        let e = userProcess?.uerror ?? 0
        record(call, result: Int64(e))
        return .value(Int64(e))
    }

    func copyArguments(_ a: ServiceArguments, names: [String]) -> [CallArgument] {
        names.enumerated().map { i, name in
            let value: String = switch name {
            case "count", "max", "c", "w": String(a.int(i))
            case "uaddr", "from": describeUserPointer(a.pointer(i))
            default: describePointer(a.pointer(i))
            }
            return CallArgument(name: name, value: value)
        }
    }
}
