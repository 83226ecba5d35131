import AIXSimKernelABI
import PowerArch
import VMM
#if canImport(Glibc)
import Glibc
#endif

extension Kernel {
    static let uioServices = ServiceTable(header: "sys/uio.h", definitions: [
        "uiomove": .init(implementation: { $0.uiomove($1) }, arguments: { $0.uiomoveArguments($1) }),
        "pinu": .init(implementation: { $0.pinu($1, pinning: true) }, arguments: { $0.pinuArguments($1) }),
        "unpinu": .init(implementation: { $0.pinu($1, pinning: false) }, arguments: { $0.pinuArguments($1) }),
    ])

    /// Address-space values of `uio_segflg`, AIX 5.3 `<sys/uio.h>`.
    enum UIOSegment: Int16 {
        case userSpace = 0, systemSpace = 1, userInstructionSpace = 2, crossMemory = 3
    }

    func uiomoveArguments(_ a: ServiceArguments) -> [CallArgument] {
        let rwNames = ["UIO_READ", "UIO_WRITE", "UIO_READ_NO_MOVE", "UIO_WRITE_NO_MOVE", "UIO_PWRITE"]
        let rw = a.int(2)
        return [
            CallArgument(name: "cp", value: describePointer(a.pointer(0))),
            CallArgument(name: "n", value: String(a.int(1))),
            CallArgument(name: "rw", value: rw >= 0 && Int(rw) < rwNames.count ? rwNames[Int(rw)] : String(rw)),
            CallArgument(name: "uiop", value: describePointer(a.pointer(3))),
        ]
    }

    /// `int uiomove(caddr_t cp, int n, uio_rw_t rw, struct uio *uiop)`: moves up to n bytes
    /// between the kernel buffer cp and the buffers the uio describes, advancing the uio.
    /// UIO_READ copies from cp into the uio's buffers, UIO_WRITE from them into cp.
    func uiomove(_ call: ServiceCall) -> ServiceReturn {
        let cp = call.arguments.pointer(0)
        let n = call.arguments.int(1)
        let rw = call.arguments.int(2)
        let uiop = call.arguments.pointer(3)
        guard n >= 0, rw == 0 || rw == 1 else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument)
            return .errno(.invalidArgument)
        }
        guard var u = copyIn(uio.self, from: uiop, call, what: "reading the struct uio") else { return .crashed }
        // AIX's uiomove refuses a uio with nothing left in it (uio_resid or uio_iovcnt not
        // positive) rather than moving nothing; IBM's page does not name the errno, EINVAL is
        // what its argument checks return.
        guard u.uio_resid > 0, u.uio_iovcnt > 0 else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "uio_resid \(u.uio_resid), uio_iovcnt \(u.uio_iovcnt): nothing to move")
            return .errno(.invalidArgument)
        }
        if rw == 0 { checkUnwrittenSource(call, cp: cp, count: min(Int(n), u.uio_resid)) }
        var remaining = Int(n)
        var moved = 0
        while remaining > 0, u.uio_resid > 0, u.uio_iovcnt > 0 {
            let iovAddress = UInt(bitPattern: u.uio_iov)
            guard var v = copyIn(iovec.self, from: iovAddress, call, what: "reading the uio's iovec") else {
                return .crashed
            }
            let count = min(remaining, v.iov_len, Int(u.uio_resid))
            // Checked before any use: a negative length or an offset or buffer that would wrap
            // is the caller's error, never arithmetic that traps (or a loop that never ends).
            guard v.iov_len >= 0, u.uio_offset <= Int64.max - Int64(max(count, 0)) else {
                record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                       detail: v.iov_len < 0 ? "negative iov_len" : "uio_offset would overflow")
                return .errno(.invalidArgument)
            }
            guard !cp.addingReportingOverflow(UInt(moved + max(count, 0))).overflow else {
                record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress,
                       detail: "the kernel buffer wraps past the end of the address space")
                return .errno(.badAddress)
            }
            if count > 0 {
                let kernelSide = cp + UInt(moved)
                let userSide = UInt(bitPattern: v.iov_base)
                let (dst, src) = rw == 0 ? (userSide, kernelSide) : (kernelSide, userSide)
                if case .failure(let fault) = uioCopy(count, from: src, to: dst, user: userSide, segment: u.uio_segflg) {
                    let kernelRange = (cp + UInt(moved))..<(cp + UInt(moved + count))
                    if kernelRange.contains(fault.address) || u.uio_segflg != UIOSegment.userSpace.rawValue {
                        return crashed(call, fault, detail: "crashed copying the data", what: "copying the data")
                    }
                    // A bad user-space buffer is the caller's error, reported as AIX does.
                    record(call, result: Int64(AIXErrno.badAddress.rawValue),
                           error: .badAddress, detail: "the uio's user buffer is not accessible")
                    return .errno(.badAddress)
                }
            }
            v.iov_base = v.iov_base.map { $0 + count }
            v.iov_len -= count
            u.uio_resid -= count
            u.uio_offset += Int64(count)
            remaining -= count
            moved += count
            if case .failure(let fault) = KextMemory.write(v, to: iovAddress) {
                return crashed(call, fault, detail: "crashed updating the uio's iovec", what: "updating the uio's iovec")
            }
            if v.iov_len == 0 {
                u.uio_iov = u.uio_iov.map { $0 + 1 }
                u.uio_iovcnt -= 1
                u.uio_iovdcnt &+= 1   // the kext's own count: whatever it held, no trap
            }
        }
        if case .failure(let fault) = KextMemory.write(u, to: uiop) {
            return crashed(call, fault, detail: "crashed updating the struct uio", what: "updating the struct uio")
        }
        record(call, result: 0, detail: "moved \(moved) bytes; uio_resid now \(u.uio_resid)")
        return .value(0)
    }

    /// The one direction mistake uiomove can see for certain: UIO_READ copying out of global
    /// memory whose pages have never been stored to since they were allocated (no page's C bit
    /// is set), so the caller gets only zeros. The reverse (UIO_WRITE into a buffer the kext
    /// then never reads) is not reported: whether code reads memory later cannot be told at
    /// the call, and the R bit the clock clears cannot tell it after. Buffers outside global
    /// memory (statics, the stack) and pages another allocation stored to are not judged.
    private func checkUnwrittenSource(_ call: ServiceCall, cp: UInt, count: Int) {
        guard count > 0, let start = vmm.map.effectiveAddress(ofKextPointer: cp),
              vmm.map.effectiveAddress(ofKextPointer: cp + UInt(count - 1)) != nil
        else { return }
        let end = start.advanced(by: UInt64(count))
        var page = pageOf(start)
        while page < end {
            let state = vmm.pageState(at: page)
            if state.residency == .unallocated || state.changed { return }
            page = page.advanced(by: PageSize.bytes)
        }
        let caller = kextFramesOnStack()
        var finding = Finding(
            kind: .uiomoveUnwrittenSource, ea: start, size: UInt64(count), kext: name(of: call.kext),
            message: "uiomove(UIO_READ)\(caller.first.map { " in \($0.site)" } ?? "") copied \(count) bytes out of "
                + "\(start), memory nothing has stored to since it was allocated: the caller gets zeros. "
                + "UIO_READ moves kernel to caller; to fill the buffer from the caller, use UIO_WRITE.")
        finding.frames = caller.isEmpty ? nil : caller
        accounting.findings.append(finding)
    }

    // MARK: - pinu / unpinu

    /// `int pinu(caddr_t base, int len, short segflg)` / `unpinu`: UIO_SYSSPACE works as pin;
    /// a UIO_USERSPACE buffer belongs to the calling process and must be readable (EFAULT).
    func pinu(_ call: ServiceCall, pinning: Bool) -> ServiceReturn {
        let base = call.arguments.pointer(0)
        let length = Int64(call.arguments.int(1))
        let segment = Int16(truncatingIfNeeded: call.arguments[2])
        switch segment {
        case UIOSegment.systemSpace.rawValue:
            // System space works as pin/unpin do, on the call's own (base, len) arguments.
            return pinning ? pin(call, kind: .shortTerm) : unpin(call, kind: .shortTerm)
        case UIOSegment.userSpace.rawValue:
            if cpu.environment == .interrupt {
                let v = EnvironmentViolation(service: call.export.name, allowed: call.export.environments,
                                             state: cpu.current, source: cpu.source, kind: .interruptEnvironment)
                record(call, result: 0, detail: "refused: a user-space buffer at interrupt level")
                recordCrash(environmentViolation(v, kext: call.kext))
                return .crashed
            }
            guard length > 0 else {
                record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument)
                return .errno(.invalidArgument)
            }
            // A kernel address given as UIO_USERSPACE: in the process's address space global
            // memory has no translation (its segments are never attached there without
            // vm_guatt), so AIX's pinu fails it with EFAULT rather than pinning kernel pages.
            if let ea = vmm.map.effectiveAddress(ofKextPointer: base) {
                note("\(call.export.name)(UIO_USERSPACE) of the kernel global-memory address \(ea): "
                     + "the process's address space has no such buffer; returns EFAULT")
                record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress,
                       detail: "a kernel address (global memory) given as a user-space buffer")
                return .errno(.badAddress)
            }
            // A range that wraps past the top of the address space is no buffer at all.
            let (last, wraps) = base.addingReportingOverflow(UInt(length - 1))
            guard !wraps else {
                record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress,
                       detail: "the range wraps past the end of the address space")
                return .errno(.badAddress)
            }
            let readable = userBufferMapped(base, length: Int(length)) ?? ((try? KextMemory.read(UInt8.self, at: base).get()) != nil
                && (try? KextMemory.read(UInt8.self, at: last).get()) != nil)
            guard readable else {
                record(call, result: Int64(AIXErrno.badAddress.rawValue), error: .badAddress,
                       detail: "the user buffer is not accessible")
                return .errno(.badAddress)
            }
            record(call, result: 0, detail: "user buffer \(pinning ? "pinned" : "unpinned") (the simulated process's memory is always resident)")
            return .value(0)
        default:
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "segflg must be UIO_USERSPACE or UIO_SYSSPACE")
            return .errno(.invalidArgument)
        }
    }

    func pinuArguments(_ a: ServiceArguments) -> [CallArgument] {
        let names: [Int16: String] = [0: "UIO_USERSPACE", 1: "UIO_SYSSPACE"]
        let seg = Int16(truncatingIfNeeded: a[2])
        return [
            CallArgument(name: "base", value: describePointer(a.pointer(0))),
            CallArgument(name: "len", value: String(a.int(1))),
            CallArgument(name: "segflg", value: names[seg] ?? String(seg)),
        ]
    }
}
