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

/// Installs the kernel's one C entry (`Kernel.serviceEntry`) as the one every thunk reaches,
/// through the fault guard's service scope, which also performs the jump when a service abandons
/// the kext's call.
enum ServiceDispatch {
    static func installOnce() {
        aixsim_set_service_entry(Kernel.serviceEntry)
    }
}
