import AIXSimKernelABI
import Kernel
#if canImport(Glibc)
import Glibc
#endif

/// The `struct uio` aixsim hands an entry point for `--data`: one iovec over the text, in the
/// caller's (user) address space, as sysconfig(SYS_CFGKMOD) describes mdiptr/mdilen. All three
/// parts lie in the handed-structure arena: a store past one faults at the kext's instruction.
final class UIOBuffer {
    private let bytes: UnsafeMutableRawBufferPointer
    private let vector: UnsafeMutablePointer<iovec>
    private let structure: UnsafeMutablePointer<AIXSimKernelABI.uio>

    init(text: String) {
        let utf8 = Array(text.utf8)
        let arena = HandedStructureArena.shared
        bytes = UnsafeMutableRawBufferPointer(
            start: arena.allocate(.uioData, bytes: max(1, utf8.count), alignment: 1), count: max(1, utf8.count))
        bytes.copyBytes(from: utf8)
        vector = arena.allocate(.iovecArray, bytes: MemoryLayout<iovec>.size, alignment: MemoryLayout<iovec>.alignment)
            .bindMemory(to: iovec.self, capacity: 1)
        vector.initialize(to: iovec(iov_base: bytes.baseAddress, iov_len: utf8.count))
        structure = arena.allocate(.uio, bytes: MemoryLayout<AIXSimKernelABI.uio>.size,
                                   alignment: MemoryLayout<AIXSimKernelABI.uio>.alignment)
            .bindMemory(to: AIXSimKernelABI.uio.self, capacity: 1)
        var u = AIXSimKernelABI.uio()
        u.uio_iov = vector
        u.uio_iovcnt = 1
        u.uio_resid = utf8.count
        u.uio_segflg = 0 // UIO_USERSPACE
        structure.initialize(to: u)
    }

    var uio: UnsafeMutableRawPointer { UnsafeMutableRawPointer(structure) }

    deinit {
        let arena = HandedStructureArena.shared
        arena.release(bytes.baseAddress!)
        arena.release(UnsafeMutableRawPointer(vector))
        arena.release(UnsafeMutableRawPointer(structure))
    }
}
