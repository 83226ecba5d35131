import AIXSimKernelABI
import VMM

/// `<sys/xmem.h>`: cross-memory descriptors. A driver's top half (the system call) attaches
/// the user's buffer with xmattach; its bottom half (an interrupt handler, a kernel process)
/// later moves data with xmemin/xmemout, when the process is no longer current and copyin
/// could not work; xmdetach ends it and sets the descriptor to XMEM_INVAL.
extension Kernel {
    static let xmemServices = ServiceTable(header: "sys/xmem.h", definitions: [
        "xmattach": .init(implementation: { $0.xmattach($1) }, arguments: { k, a in
            [CallArgument(name: "addr", value: k.describeUserPointer(a.pointer(0))),
             CallArgument(name: "count", value: String(a.int(1))),
             CallArgument(name: "dp", value: k.describePointer(a.pointer(2))),
             CallArgument(name: "segflag", value: a.int(3) == 0 ? "USER_ADSPACE" : a.int(3) == 1 ? "SYS_ADSPACE" : String(a.int(3)))]
        }),
        "xmdetach": .init(implementation: { $0.xmdetach($1) }, arguments: { k, a in
            [CallArgument(name: "dp", value: k.describePointer(a.pointer(0)))]
        }),
        "xmemin": .init(implementation: { $0.xmemMove($1, inward: true) }, arguments: { k, a in
            [CallArgument(name: "uaddr", value: k.describeUserPointer(a.pointer(0))),
             CallArgument(name: "kaddr", value: k.describePointer(a.pointer(1))),
             CallArgument(name: "count", value: String(a.int(2))),
             CallArgument(name: "dp", value: k.describePointer(a.pointer(3)))]
        }),
        "xmemout": .init(implementation: { $0.xmemMove($1, inward: false) }, arguments: { k, a in
            [CallArgument(name: "kaddr", value: k.describePointer(a.pointer(0))),
             CallArgument(name: "uaddr", value: k.describeUserPointer(a.pointer(1))),
             CallArgument(name: "count", value: String(a.int(2))),
             CallArgument(name: "dp", value: k.describePointer(a.pointer(3)))]
        }),
    ])

    static let xmemPinServices = ServiceTable(header: "sys/uio.h", definitions: [
        "xmempin": .init(implementation: { $0.xmempin($1, pinning: true) }, arguments: { $0.xmempinArguments($1) }),
        "xmemunpin": .init(implementation: { $0.xmempin($1, pinning: false) }, arguments: { $0.xmempinArguments($1) }),
    ])

    /// AIX 5.3 <sys/xmem.h> aspace_id values.
    static let xmemInvalid: Int32 = -2, xmemProcess: Int32 = 0, xmemGlobal: Int32 = -1
    static let xmemFail: Int64 = -1

    /// `int xmattach(char *addr, int count, struct xmem *dp, int segflag)`: XMEM_SUCC, or
    /// XMEM_FAIL for a count not positive, a descriptor already in use, or a buffer outside
    /// the calling process's memory.
    func xmattach(_ call: ServiceCall) -> ServiceReturn {
        let a = call.arguments
        let address = a.pointer(0), count = Int(a.int(1)), dp = a.pointer(2), segflag = a.int(3)
        guard var d = copyIn(xmem.self, from: dp, call, what: "reading the struct xmem") else { return .crashed }
        func fail(_ why: String) -> ServiceReturn {
            record(call, result: Self.xmemFail, detail: why, resultText: "XMEM_FAIL")
            return .value(Self.xmemFail)
        }
        guard count > 0 else { return fail("count must be positive") }
        guard d.aspace_id == Self.xmemInvalid else {
            return fail("the descriptor is in use (aspace_id is not XMEM_INVAL): set it, or xmdetach first")
        }
        let userSpace = segflag == 0
        if userSpace, let problem = userAddressProblem(address, count: count) { return fail(problem) }
        if !userSpace, segflag != 1 { return fail("segflag must be USER_ADSPACE or SYS_ADSPACE") }
        let id = crossMemory.next
        crossMemory.next += 1
        crossMemory.live[id] = .init(kext: call.kext, start: address, count: count, userSpace: userSpace,
                                     process: userSpace ? userProcess : nil)
        d.aspace_id = userSpace ? Self.xmemProcess : Self.xmemGlobal
        d.subspace_id = UnsafeMutablePointer(bitPattern: UInt(id))
        if case .failure(let f) = KextMemory.write(d, to: dp) {
            crossMemory.live[id] = nil
            return crashed(call, f, detail: "crashed filling the struct xmem", what: "the struct xmem")
        }
        record(call, result: 0, detail: "attachment #\(id): \(count) bytes at \(describeUserPointer(address))", resultText: "XMEM_SUCC")
        return .value(0)
    }

    /// `int xmdetach(struct xmem *dp)`: XMEM_SUCC, setting aspace_id to XMEM_INVAL; XMEM_FAIL
    /// for a descriptor that is not attached.
    func xmdetach(_ call: ServiceCall) -> ServiceReturn {
        let dp = call.arguments.pointer(0)
        guard var d = copyIn(xmem.self, from: dp, call, what: "reading the struct xmem") else { return .crashed }
        let id = Int(bitPattern: UInt(bitPattern: d.subspace_id))
        guard d.aspace_id != Self.xmemInvalid, crossMemory.live[id] != nil else {
            record(call, result: Self.xmemFail, detail: "the descriptor is not attached", resultText: "XMEM_FAIL")
            return .value(Self.xmemFail)
        }
        crossMemory.live[id] = nil
        d.aspace_id = Self.xmemInvalid
        if case .failure(let f) = KextMemory.write(d, to: dp) {
            return crashed(call, f, detail: "crashed resetting the struct xmem", what: "the struct xmem")
        }
        record(call, result: 0, detail: "attachment #\(id) ended; aspace_id is XMEM_INVAL", resultText: "XMEM_SUCC")
        return .value(0)
    }

    /// `xmemin(uaddr, kaddr, count, dp)` / `xmemout(kaddr, uaddr, count, dp)`: XMEM_SUCC, or
    /// EFAULT when the descriptor is not attached (after xmdetach, XMEM_INVAL) or the range is
    /// not inside the attached buffer. Legal at interrupt level: the buffer is reached through
    /// the descriptor, not through the current process.
    func xmemMove(_ call: ServiceCall, inward: Bool) -> ServiceReturn {
        let a = call.arguments
        let (user, kernel) = inward ? (a.pointer(0), a.pointer(1)) : (a.pointer(1), a.pointer(0))
        let count = Int(a.int(2)), dp = a.pointer(3)
        guard let d = copyIn(xmem.self, from: dp, call, what: "reading the struct xmem") else { return .crashed }
        func refuse(_ why: String) -> ServiceReturn {
            record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress, detail: why)
            return .errno(.badAddress)
        }
        let id = Int(bitPattern: UInt(bitPattern: d.subspace_id))
        guard d.aspace_id != Self.xmemInvalid else {
            return refuse("the descriptor's aspace_id is XMEM_INVAL: it was never attached, or xmdetach ended it")
        }
        guard let attachment = crossMemory.live[id] else { return refuse("the descriptor names no live attachment") }
        guard count >= 0, attachment.contains(user, count: UInt(count)) else {
            return refuse("\(describeUserPointer(user))+\(count) is outside the attached \(attachment.count) bytes")
        }
        if let crash = userPointerAsKernelBuffer(call, kernel, what: "kaddr") { return crash }
        // The descriptor names the process's segment: its pages are reached through the MMU as
        // copyin reaches them, whichever process (or none) is current.
        if let process = attachment.process, count > 0,
           !userRangeTranslates(user, count: count, access: inward ? .load : .store, in: process) {
            return refuse("\(describeUserPointer(user))+\(count) no longer translates in the attached segment")
        }
        let (source, destination) = inward ? (user, kernel) : (kernel, user)
        let copy = { KextMemory.copy(count, from: source, to: destination) }
        let copied = attachment.process.map { $0.space.withKernelAccess(copy) } ?? copy()
        if case .failure(let f) = copied {
            return crashed(call, f, detail: "crashed copying \(count) bytes", what: "the kernel buffer kaddr")
        }
        record(call, result: 0,
               detail: "\(count) bytes \(inward ? "from" : "to") \(describeUserPointer(user)) through attachment #\(id)",
               resultText: "XMEM_SUCC")
        return .value(0)
    }

    func xmempinArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "base", value: describePointer(a.pointer(0))),
         CallArgument(name: "len", value: String(a.int(1))),
         CallArgument(name: "xd", value: describePointer(a.pointer(2)))]
    }

    /// `int xmempin(caddr_t base, int len, struct xmem *xd)` / `xmemunpin`: 0; EINVAL for a
    /// length not positive (or, unpinning, a range not pinned); EFAULT when the range is not
    /// inside what the descriptor attached. System-space ranges pin as `pin` does.
    func xmempin(_ call: ServiceCall, pinning: Bool) -> ServiceReturn {
        let a = call.arguments
        let base = a.pointer(0), length = Int(a.int(1))
        guard let d = copyIn(xmem.self, from: a.pointer(2), call, what: "reading the struct xmem") else { return .crashed }
        func refuse(_ e: AIXErrno, _ why: String) -> ServiceReturn {
            record(call, result: Int64(e.rawValue), error: e, detail: why)
            return .errno(e)
        }
        guard length > 0 else { return refuse(.invalidArgument, "len must be positive") }
        let id = Int(bitPattern: UInt(bitPattern: d.subspace_id))
        guard d.aspace_id != Self.xmemInvalid, var attachment = crossMemory.live[id] else {
            return refuse(.badAddress, "the descriptor is not attached (aspace_id XMEM_INVAL)")
        }
        guard attachment.contains(base, count: UInt(length)) else {
            return refuse(.badAddress, "\(describePointer(base))+\(length) is outside the attached \(attachment.count) bytes")
        }
        if !attachment.userSpace { return pinning ? pin(call, kind: .shortTerm) : unpin(call, kind: .shortTerm) }
        if cpu.environment == .interrupt {
            // Declared for interrupt level with system-space data only; user memory is not that.
            let v = EnvironmentViolation(service: call.export.name, allowed: call.export.environments,
                                         state: cpu.current, source: cpu.source, kind: .interruptEnvironment)
            record(call, result: 0, detail: "refused: user-space memory at interrupt level")
            recordCrash(environmentViolation(v, kext: call.kext))
            return .crashed
        }
        if !pinning, attachment.pins == 0 { return refuse(.invalidArgument, "the range is not pinned") }
        attachment.pins += pinning ? 1 : -1
        crossMemory.live[id] = attachment
        record(call, result: 0, detail: "attachment #\(id) \(pinning ? "pinned" : "unpinned"); pin count \(attachment.pins)")
        return .value(0)
    }

    /// Cross-memory attachments a kext never detached, at its unload: the kernel keeps the
    /// user's pages attached (on AIX, the segments cannot be freed) for a descriptor nobody uses.
    public func crossMemoryFindings(of kext: KextID) -> [Finding] {
        crossMemory.live.sorted { $0.key < $1.key }.filter { $0.value.kext == kext }.map { id, a in
            Finding(kind: .xmemNotDetached, ea: nil, size: UInt64(a.count), kext: name(of: kext),
                    message: "cross-memory attachment #\(id) (\(a.count) bytes at \(describeUserPointer(a.start))) "
                        + "was never detached: call xmdetach when the transfer completes")
        }
    }
}
