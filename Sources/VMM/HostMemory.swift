#if canImport(Glibc)
import Glibc
#endif

/// The one place the VMM calls the host's memory-mapping system calls.
///
/// A reservation is one PROT_NONE, MAP_NORESERVE mapping: address space without memory. Parts
/// of it are made accessible when the VMM backs them and discarded when it frees them.
enum HostMemory {
    static func reserve(bytes: Int) -> UnsafeMutableRawPointer? {
        let p = mmap(nil, bytes, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        return p == MAP_FAILED ? nil : p
    }

    static func release(_ base: UnsafeMutableRawPointer, bytes: Int) {
        munmap(base, bytes)
    }

    /// Replaces a range with fresh zero-filled, read/write memory.
    static func backZeroFilled(_ address: UnsafeMutableRawPointer, bytes: Int) -> Bool {
        let p = mmap(address, bytes, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
        return p != MAP_FAILED
    }

    /// Makes a range read/write or inaccessible, keeping its contents.
    static func protect(_ address: UnsafeMutableRawPointer, bytes: Int, readWrite: Bool) -> Bool {
        mprotect(address, bytes, readWrite ? PROT_READ | PROT_WRITE : PROT_NONE) == 0
    }

    /// Drops the contents of a range and makes it inaccessible again.
    static func discard(_ address: UnsafeMutableRawPointer, bytes: Int) -> Bool {
        let p = mmap(address, bytes, PROT_NONE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0)
        return p != MAP_FAILED
    }
}
