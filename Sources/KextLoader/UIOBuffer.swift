import AIXSimKernelABI
#if canImport(Glibc)
import Glibc
#endif

/// The `struct uio` aixsim hands an entry point for `--data`: one iovec over the text, in the
/// caller's (user) address space, as sysconfig(SYS_CFGKMOD) describes mdiptr/mdilen.
final class UIOBuffer {
    private let bytes: UnsafeMutableRawBufferPointer
    private let vector: UnsafeMutablePointer<iovec>
    private let structure: UnsafeMutablePointer<AIXSimKernelABI.uio>

    init(text: String) {
        let utf8 = Array(text.utf8)
        bytes = .allocate(byteCount: max(1, utf8.count), alignment: 8)
        bytes.copyBytes(from: utf8)
        vector = .allocate(capacity: 1)
        vector.initialize(to: iovec(iov_base: bytes.baseAddress, iov_len: utf8.count))
        structure = .allocate(capacity: 1)
        var u = AIXSimKernelABI.uio()
        u.uio_iov = vector
        u.uio_iovcnt = 1
        u.uio_resid = utf8.count
        u.uio_segflg = 0 // UIO_USERSPACE
        structure.initialize(to: u)
    }

    var uio: UnsafeMutableRawPointer { UnsafeMutableRawPointer(structure) }

    deinit {
        bytes.deallocate()
        vector.deallocate()
        structure.deallocate()
    }
}
