import CFaultGuard
import PowerArch
import VMM

extension Kernel {
    static let pinServices: [String: ServiceDefinition] = [
        "pin": .init(implementation: { $0.pin($1, kind: .shortTerm) }, arguments: { $0.pinArguments($1) }),
        "unpin": .init(implementation: { $0.unpin($1, kind: .shortTerm) }, arguments: { $0.pinArguments($1) }),
        "ltpin": .init(implementation: { $0.pin($1, kind: .longTerm) }, arguments: { $0.pinArguments($1) }),
        "ltunpin": .init(implementation: { $0.unpin($1, kind: .longTerm) }, arguments: { $0.pinArguments($1) }),
        "pinu": .init(implementation: { $0.pinu($1, pinning: true) }, arguments: { $0.pinuArguments($1) }),
        "unpinu": .init(implementation: { $0.pinu($1, pinning: false) }, arguments: { $0.pinuArguments($1) }),
    ]

    /// What a pin request names: global memory, or memory of a loaded kext's own image (always
    /// resident in aixsim, so pinning it only needs to be legal).
    enum PinTarget {
        case global(EffectiveAddress)
        case kextImage
        case invalid
    }

    func pinTarget(_ host: UInt) -> PinTarget {
        if let ea = heap.map.effectiveAddress(fromHost: host) { return .global(ea) }
        if runtime?.kext(containing: host) != nil { return .kextImage }
        return .invalid
    }

    /// `int pin(void *addr, long length)` and `ltpin`: all or nothing, whole pages.
    func pin(_ call: ServiceCall, kind: PinKind) -> ServiceReturn {
        let length = pinLength(call)
        switch pinTarget(call.arguments.pointer(0)) {
        case .global(let ea):
            if let e = heap.pin(ea, length: length, kind: kind) {
                record(call, result: Int64(e.rawValue), error: e,
                       detail: length <= 0 ? "length must be positive"
                           : e == .noMemory ? "real memory cannot hold the pages with the frames already pinned"
                           : "the range is not all allocated global memory")
                return .errno(e)
            }
            record(call, result: 0, detail: "pinned; first page's counts \(pinDescription(heap.pinCount(at: ea)))")
            return .value(0)
        case .kextImage, .invalid:
            return pinOutsideGlobalMemory(call, length: length)
        }
    }

    /// `int unpin(void *addr, long length)` and `ltunpin`: stops with EINVAL at the first page
    /// that is not pinned, leaving the rest pinned. ltunpin of a page with both counts zero is an
    /// assertion failure in AIX.
    func unpin(_ call: ServiceCall, kind: PinKind) -> ServiceReturn {
        let length = pinLength(call)
        switch pinTarget(call.arguments.pointer(0)) {
        case .global(let ea):
            switch heap.unpin(ea, length: length, kind: kind) {
            case nil:
                record(call, result: 0, detail: "unpinned; first page's counts \(pinDescription(heap.pinCount(at: ea)))")
                return .value(0)
            case .invalidRange:
                record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                       detail: "the range is not all allocated global memory")
                return .errno(.invalidArgument)
            case .notPinned(let page):
                if kind == .longTerm, !heap.isPinned(page) {
                    record(call, result: 0, detail: "crashed: page \(page) has no pin counts")
                    recordCrash(Crash(
                        kind: .assert, ea: page, access: nil, dsisr: nil,
                        message: "ltunpin of \(page), whose short- and long-term pin counts are both zero",
                        explanation: "ltunpin undoes an ltpin. AIX asserts when a page it is asked to unpin "
                            + "has no pin at all: the pin accounting is broken, so the kernel stops.",
                        kext: name(of: call.kext), location: callingFunction()))
                    return .crashed
                }
                record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                       detail: "stopped at \(page), which is not pinned; the pages before it were unpinned")
                return .errno(.invalidArgument)
            }
        case .kextImage, .invalid:
            return pinOutsideGlobalMemory(call, length: length)
        }
    }

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
            var probe: UInt8 = 0
            var fault = aixsim_fault()
            let last = base + UInt(length - 1)
            let readable = aixsim_guarded_copy(&probe, UnsafeRawPointer(bitPattern: base), 1, &fault) == 0
                && aixsim_guarded_copy(&probe, UnsafeRawPointer(bitPattern: last), 1, &fault) == 0
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

    /// Pinning a kext's own image (its data, after pincode) needs only to be legal: aixsim keeps
    /// kext images resident. Anything else that is not global memory is EINVAL.
    private func pinOutsideGlobalMemory(_ call: ServiceCall, length: Int64) -> ServiceReturn {
        if case .kextImage = pinTarget(call.arguments.pointer(0)), length > 0 {
            record(call, result: 0, detail: "kext image memory: always resident in aixsim")
            return .value(0)
        }
        record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
               detail: "not kernel memory aixsim knows")
        return .errno(.invalidArgument)
    }

    /// pin's length is a long; pinu's an int.
    private func pinLength(_ call: ServiceCall) -> Int64 {
        call.export.parameterTypes[1] == .long ? call.arguments.long(1) : Int64(call.arguments.int(1))
    }

    private func pinDescription(_ c: PinCount) -> String {
        "short-term \(c.shortTerm), long-term \(c.longTerm)"
    }

    func pinArguments(_ a: ServiceArguments) -> [CallArgument] {
        [
            CallArgument(name: "addr", value: describePointer(a.pointer(0))),
            CallArgument(name: "length", value: String(a.long(1))),
        ]
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
