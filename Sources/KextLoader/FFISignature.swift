import CFFI
import Kernel

/// A prepared libffi call interface for one C signature. The cif and its argument-type array
/// must outlive every call and closure made with them, so this class owns both.
final class FFISignature {
    let cif: UnsafeMutablePointer<ffi_cif>
    private let argumentTypes: UnsafeMutablePointer<UnsafeMutablePointer<ffi_type>?>
    let argumentCount: Int

    init(returning result: ServiceCType, parameters: [ServiceCType]) {
        argumentCount = parameters.count
        cif = .allocate(capacity: 1)
        argumentTypes = .allocate(capacity: max(1, parameters.count))
        for (i, p) in parameters.enumerated() { argumentTypes[i] = Self.ffiType(p) }
        let status = ffi_prep_cif(cif, cffi_default_abi(), UInt32(parameters.count), Self.ffiType(result),
                                  argumentTypes)
        precondition(cffi_ok(status) != 0, "libffi rejected a kernel-service signature")
    }

    deinit {
        cif.deallocate()
        argumentTypes.deallocate()
    }

    static func ffiType(_ t: ServiceCType) -> UnsafeMutablePointer<ffi_type> {
        switch t {
        case .void: cffi_type_void()
        case .int: cffi_type_sint32()
        case .short: cffi_type_sint16()
        case .long: cffi_type_sint64()
        case .unsignedLong: cffi_type_uint64()
        case .pointer, .string, .vaList: cffi_type_pointer()
        }
    }

    /// `int entry(int cmd, struct uio *uiop)`: the kext entry point's signature.
    static let entryPoint = FFISignature(returning: .int, parameters: [.int, .pointer])

    /// `int handler(struct intr *)` and friends.
    static let pointerToInt = FFISignature(returning: .int, parameters: [.pointer])

    /// `long f(long)`: benchmark loops.
    static let longToLong = FFISignature(returning: .long, parameters: [.long])

    /// A system call as the user program's stub makes it: six register-sized arguments, a
    /// register-sized result. A kext's function taking fewer, or ints, reads what it declares.
    static let systemCall = FFISignature(returning: .long, parameters: Array(repeating: .long, count: 6))
}

extension FFISignature: @unchecked Sendable {}
