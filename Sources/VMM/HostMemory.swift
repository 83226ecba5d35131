#if canImport(Glibc)
import Glibc
#endif

/// The one place the VMM calls the host's memory-mapping system calls.
///
/// A reservation is one PROT_NONE, MAP_NORESERVE mapping: address space without memory. Pages
/// are made accessible one by one, and discarded, by the C page-state code (pagestate.c), which
/// the fault handler shares.
enum HostMemory {
    static func reserve(bytes: Int) -> UnsafeMutableRawPointer? {
        let p = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        return p == MAP_FAILED ? nil : p
    }

    static func release(_ base: UnsafeMutableRawPointer, bytes: Int) {
        munmap(base, bytes)
    }
}
