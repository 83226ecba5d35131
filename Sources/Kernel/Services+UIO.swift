import AIXSimKernelABI
import CFaultGuard
import VMM
#if canImport(Glibc)
import Glibc
#endif

extension Kernel {
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
        var fault = aixsim_fault()
        var remaining = Int(n)
        var moved = 0
        while remaining > 0, u.uio_resid > 0, u.uio_iovcnt > 0 {
            let iovAddress = UInt(bitPattern: u.uio_iov)
            guard var v = copyIn(iovec.self, from: iovAddress, call, what: "reading the uio's iovec") else {
                return .crashed
            }
            let count = min(remaining, v.iov_len, Int(u.uio_resid))
            if count > 0 {
                let kernelSide = UnsafeMutableRawPointer(bitPattern: cp + UInt(moved))
                let (dst, src) = rw == 0 ? (v.iov_base, UnsafeRawPointer(kernelSide))
                                         : (kernelSide, UnsafeRawPointer(v.iov_base))
                if aixsim_guarded_copy(dst, src, count, &fault) != 0 {
                    let kernelRange = (cp + UInt(moved))..<(cp + UInt(moved + count))
                    if kernelRange.contains(fault.address) || u.uio_segflg != UIOSegment.userSpace.rawValue {
                        return crashInService(call, fault, what: "copying the data")
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
            guard copyOut(v, to: iovAddress, &fault) else {
                return crashInService(call, fault, what: "updating the uio's iovec")
            }
            if v.iov_len == 0 {
                u.uio_iov = u.uio_iov.map { $0 + 1 }
                u.uio_iovcnt -= 1
                u.uio_iovdcnt += 1
            }
        }
        guard copyOut(u, to: uiop, &fault) else {
            return crashInService(call, fault, what: "updating the struct uio")
        }
        record(call, result: 0, detail: "moved \(moved) bytes; uio_resid now \(u.uio_resid)")
        return .value(0)
    }

    private func copyOut<T>(_ value: T, to address: UInt, _ fault: inout aixsim_fault) -> Bool {
        withUnsafeBytes(of: value) { b in
            aixsim_guarded_copy(UnsafeMutableRawPointer(bitPattern: address), b.baseAddress, b.count,
                                &fault) == 0
        }
    }

    private func crashInService(_ call: ServiceCall, _ fault: aixsim_fault, what: String) -> ServiceReturn
    {
        record(call, result: 0, detail: "crashed \(what)")
        recordCrash(serviceFault(fault, in: call, what: what))
        return .crashed
    }
}
