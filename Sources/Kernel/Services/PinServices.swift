import PowerArch
import VMM

extension Kernel {
    static let pinServices = ServiceTable(header: "sys/pin.h", definitions: [
        "pincode": .init(implementation: { $0.pincode($1) }, arguments: { $0.functionArguments($1) }),
        "unpincode": .init(implementation: { $0.unpincode($1) }, arguments: { $0.functionArguments($1) }),
        "pin": .init(implementation: { $0.pin($1, kind: .shortTerm) }, arguments: { $0.pinArguments($1) }),
        "unpin": .init(implementation: { $0.unpin($1, kind: .shortTerm) }, arguments: { $0.pinArguments($1) }),
        "ltpin": .init(implementation: { $0.pin($1, kind: .longTerm) }, arguments: { $0.pinArguments($1) }),
        "ltunpin": .init(implementation: { $0.unpin($1, kind: .longTerm) }, arguments: { $0.pinArguments($1) }),
    ])

    /// What a pin request names: global memory, or memory of a loaded kext's own image (always
    /// resident in aixsim, so pinning it only needs to be legal).
    enum PinTarget {
        case global(EffectiveAddress)
        case kextImage
        case invalid
    }

    func pinTarget(_ host: UInt) -> PinTarget {
        if let ea = vmm.map.effectiveAddress(ofKextPointer: host) { return .global(ea) }
        if runtime?.kext(containing: host) != nil { return .kextImage }
        return .invalid
    }

    /// `int pin(void *addr, long length)` and `ltpin`: all or nothing, whole pages.
    func pin(_ call: ServiceCall, kind: PinKind) -> ServiceReturn {
        let length = pinLength(call)
        switch pinTarget(call.arguments.pointer(0)) {
        case .global(let ea):
            if let e = vmm.pin(ea, length: length, kind: kind) {
                record(call, result: Int64(e.rawValue), error: e,
                       detail: length <= 0 ? "length must be positive"
                           : e == .noMemory ? "real memory cannot hold the pages with the frames already pinned"
                           : "the range is not all allocated global memory")
                return .errno(e)
            }
            record(call, result: 0, detail: "pinned; first page's counts \(pinDescription(vmm.pinCount(at: ea)))")
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
            switch vmm.unpin(ea, length: length, kind: kind) {
            case nil:
                record(call, result: 0, detail: "unpinned; first page's counts \(pinDescription(vmm.pinCount(at: ea)))")
                return .value(0)
            case .invalidRange:
                record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                       detail: "the range is not all allocated global memory")
                return .errno(.invalidArgument)
            case .notPinned(let page):
                if kind == .longTerm, !vmm.isPinned(page) {
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

    /// Pinning a kext's own image (its data, after pincode) needs only to be legal: aixsim keeps
    /// kext images resident. Anything else that is not global memory is EINVAL.
    func pinOutsideGlobalMemory(_ call: ServiceCall, length: Int64) -> ServiceReturn {
        if case .kextImage = pinTarget(call.arguments.pointer(0)), length > 0 {
            record(call, result: 0, detail: "kext image memory: always resident in aixsim")
            return .value(0)
        }
        record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
               detail: "not kernel memory aixsim knows")
        return .errno(.invalidArgument)
    }

    /// pin's length is a long; pinu's an int.
    func pinLength(_ call: ServiceCall) -> Int64 {
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

    // MARK: - pincode / unpincode

    /// `int pincode(int (*func)())`: pins the text and data of the kext containing func.
    func pincode(_ call: ServiceCall) -> ServiceReturn {
        guard let kext = runtime?.kext(containing: call.arguments.pointer(0)) else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "func is not in a loaded kext")
            return .errno(.invalidArgument)
        }
        let count = accounting.pinCode(of: kext)
        record(call, result: 0, detail: "\(name(of: kext))'s text and data pinned (count \(count))")
        return .value(0)
    }

    /// `int unpincode(int (*func)())`
    func unpincode(_ call: ServiceCall) -> ServiceReturn {
        guard let kext = runtime?.kext(containing: call.arguments.pointer(0)), codeIsPinned(kext) else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "the kext's code is not pinned")
            return .errno(.invalidArgument)
        }
        let count = accounting.unpinCode(of: kext)
        record(call, result: 0, detail: "pin count now \(count)")
        return .value(0)
    }

    func functionArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "func", value: functionName(a.pointer(0)))]
    }
}
