import AIXSimKernelABI
import CKextCall
import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// One kext's kernel-services table: every export of the export list bound to its typed C
/// thunk (generated from kernex.def). The thunks are shared by every table; a call is
/// attributed to the kext whose code is running, which the loader records around every call
/// into kext code (`aixsim_invoke_kext`).
///
/// The table lives on pages of its own, read-only once filled: a kext that stores into it
/// faults at the store, instead of redirecting a later service call to wherever it wrote.
final class BoundKernelTable {
    let table: UnsafeMutableRawPointer
    /// The whole mapping: `ExportList.tableSize` rounded up to pages.
    private let mappedBytes: Int
    /// The kernel and kext the table was made for; the loader's invocations carry the same pair.
    let kernel: Kernel
    let kext: KextID

    init(kernel: Kernel, kext: KextID) {
        ServiceDispatch.installOnce()
        self.kernel = kernel
        self.kext = kext
        let exports = ExportList.all
        precondition(Int(aixsim_service_thunk_count()) == exports.count,
                     "the thunks and the export list come from one kernex.def")
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        mappedBytes = (ExportList.tableSize + page - 1) / page * page
        guard let mapped = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != MAP_FAILED
        else { fatalError("no memory for \(kext)'s kernel-services table") }
        // Anonymous pages come zeroed: the unused slots stay NULL.
        table = mapped
        table.storeBytes(of: ExportList.abiVersion, as: UInt32.self)
        table.storeBytes(of: UInt32(exports.count), toByteOffset: 4, as: UInt32.self)
        for export in exports {
            guard let thunk = aixsim_service_thunk(UInt32(export.index)) else {
                fatalError("no thunk for \(export.name)")
            }
            table.storeBytes(of: thunk, toByteOffset: export.tableOffset, as: UnsafeRawPointer.self)
        }
        guard mprotect(table, mappedBytes, PROT_READ) == 0 else {
            fatalError("could not make \(kext)'s kernel-services table read-only")
        }
    }

    /// Whether `address` lies in the table's pages.
    func contains(_ address: UInt) -> Bool {
        let start = UInt(bitPattern: table)
        return address >= start && address - start < UInt(mappedBytes)
    }

    deinit {
        mprotect(table, mappedBytes, PROT_READ | PROT_WRITE)
        munmap(table, mappedBytes)
    }
}

/// The one C-callable entry every thunk reaches (through the C side, which brackets it with the
/// fault guard's service scope and performs the jump when a service abandons the kext's call).
enum ServiceDispatch {
    static func installOnce() {
        aixsim_set_service_entry(entry)
    }

    private static let entry: aixsim_service_entry = { untyped in
        guard let call = untyped?.assumingMemoryBound(to: aixsim_service_call.self),
              let kernel = call.pointee.kernel
        else {
            fatalError("a kernel service was called from kext code aixsim did not call")
        }
        // The invocation's caller (LoadedKext) keeps the kernel alive for the whole call.
        return Unmanaged<Kernel>.fromOpaque(kernel)._withUnsafeGuaranteedRef { kernel in
            // The slots are read in place: the thunk's record lives until the thunk returns.
            let result = withUnsafeMutablePointer(to: &call.pointee.arguments) {
                $0.withMemoryRebound(to: UInt64.self, capacity: ServiceArguments.capacity) {
                    kernel.call(Int(call.pointee.index), from: KextID(rawValue: call.pointee.kext),
                                slots: $0, count: Int(call.pointee.count),
                                returnAddress: UInt(call.pointee.return_address))
                }
            }
            call.pointee.result = result.value
            return result.action.rawValue
        }
    }
}
