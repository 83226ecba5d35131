import AIXSimKernelABI
import CKextCall
import CFFI
import Kernel

/// One kext's kernel-services table: every export of the export list bound, through a libffi
/// closure, to the kernel with this kext's identity as the closure's user data. Calls through
/// it are therefore attributed to the kext that made them.
final class BoundKernelTable {
    /// What one closure carries: which service, for which kext, of which kernel.
    final class ServiceBinding {
        let kernel: Kernel
        let kext: KextID
        // The export's index and C types, copied out of the export so each call reads plain
        // stored values.
        let index: Int
        let parameterTypes: [ServiceCType]
        let returnType: ServiceCType
        let name: String
        let tableOffset: Int
        let signature: FFISignature

        init(kernel: Kernel, kext: KextID, export: KernelExport, signature: FFISignature) {
            self.kernel = kernel
            self.kext = kext
            index = export.index
            parameterTypes = export.parameterTypes
            returnType = export.returnType
            name = export.name
            tableOffset = export.tableOffset
            self.signature = signature
        }
    }

    let table: UnsafeMutableRawPointer
    private var closures: [UnsafeMutablePointer<ffi_closure>] = []
    private let bindings: [ServiceBinding]

    init(kernel: Kernel, kext: KextID) {
        ServiceDispatch.installOnce()
        let exports = ExportList.all
        table = .allocate(byteCount: ExportList.tableSize, alignment: 8)
        table.initializeMemory(as: UInt8.self, repeating: 0, count: ExportList.tableSize)
        table.storeBytes(of: ExportList.abiVersion, as: UInt32.self)
        table.storeBytes(of: UInt32(exports.count), toByteOffset: 4, as: UInt32.self)
        bindings = exports.map { export in
            ServiceBinding(kernel: kernel, kext: kext, export: export,
                           signature: FFISignature(returning: export.returnType,
                                                   parameters: export.parameterTypes))
        }
        for binding in bindings {
            var code: UnsafeMutableRawPointer?
            guard let raw = ffi_closure_alloc(MemoryLayout<ffi_closure>.size, &code), let code else {
                fatalError("libffi could not allocate a closure for \(binding.name)")
            }
            let closure = raw.assumingMemoryBound(to: ffi_closure.self)
            let status = ffi_prep_closure_loc(
                closure, binding.signature.cif, aixsim_closure_dispatch,
                Unmanaged.passUnretained(binding).toOpaque(), code)
            precondition(cffi_ok(status) != 0, "libffi could not prepare the \(binding.name) closure")
            closures.append(closure)
            table.storeBytes(of: code, toByteOffset: binding.tableOffset,
                             as: UnsafeMutableRawPointer.self)
        }
    }

    deinit {
        for c in closures { ffi_closure_free(c) }
        table.deallocate()
    }
}

/// The one C-callable handler every closure of every table reaches (through the C dispatcher,
/// which performs the jump when a service abandons the kext's call).
enum ServiceDispatch {
    static func installOnce() {
        aixsim_set_service_handler(handle)
    }

    private static let handle: aixsim_service_handler = { _, ret, args, userData in
        // The table owns its bindings for as long as the kext can call: no retain needed here.
        Unmanaged<BoundKernelTable.ServiceBinding>.fromOpaque(userData!)._withUnsafeGuaranteedRef { binding in
            dispatch(binding, ret, args)
        }
    }

    private static func dispatch(_ binding: BoundKernelTable.ServiceBinding, _ ret: UnsafeMutableRawPointer?,
                                 _ args: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Int32
    {
        var arguments = ServiceArguments()
        binding.parameterTypes.withUnsafeBufferPointer { types in
            for i in 0..<types.count {
                let slot = args![i]!
                switch types[i] {
                case .int: arguments.append(UInt64(bitPattern: Int64(slot.load(as: Int32.self))))
                case .short: arguments.append(UInt64(bitPattern: Int64(slot.load(as: Int16.self))))
                case .long: arguments.append(UInt64(bitPattern: slot.load(as: Int64.self)))
                case .unsignedLong, .pointer, .string, .vaList: arguments.append(slot.load(as: UInt64.self))
                case .void: break
                }
            }
        }
        let result = binding.kernel.call(binding.index, from: binding.kext, arguments)
        switch binding.returnType {
        case .void: break
        // libffi wants integer results widened to a full register.
        case .int, .short, .long: ret!.storeBytes(of: ffi_sarg(result.value), as: ffi_sarg.self)
        case .unsignedLong, .pointer, .string, .vaList:
            ret!.storeBytes(of: UInt64(bitPattern: result.value), as: UInt64.self)
        }
        return result.action.rawValue
    }
}
