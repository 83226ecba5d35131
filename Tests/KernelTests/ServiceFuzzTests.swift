import Testing
@testable import Kernel
import VMM
import AIXSimKernelABI
#if canImport(Glibc)
import Glibc
#endif

/// No argument a kext can pass traps aixsim: every export, random and boundary arguments,
/// process and interrupt level, through `Kernel.call` (the long run is `aixsim fuzz`).
@Suite("Kernel: services called with hostile arguments")
struct ServiceFuzzTests {
    @Test("A slice of the fuzzer: every export called, no trap", arguments: [UInt64(1), 2, 3])
    func slice(seed: UInt64) throws {
        let fuzzer = try ServiceFuzzer(seed: seed)
        let summary = try fuzzer.run(calls: 4000)
        #expect(summary.calls == 4000)
        #expect(summary.interruptLevelCalls > 0)
        #expect(Set(summary.callsByService.keys) == Set(ExportList.all.map(\.name)))
    }

    @Test("pinu of a user range that wraps the address space is EFAULT, not a trap")
    func pinuWrapping() throws {
        let kernel = try Kernel(configuration: .init(gallocHeapBytes: 16 << 20))
        let kext = kernel.registerKext(named: "direct")
        for service in ["pinu", "unpinu"] {
            let r = kernel.call(try exportIndex(service), from: kext, ServiceArguments([UInt64.max, 0xFFF, 0]))
            #expect(r.action == .return && r.value == Int64(AIXErrno.badAddress.rawValue), "\(service)")
        }
        #expect(kernel.crash == nil)
    }

    @Test("setjmpx of a label at the top of the address space is the kext's DSI, not a trap")
    func setjmpxWrapping() throws {
        let kernel = try Kernel(configuration: .init(gallocHeapBytes: 16 << 20))
        let kext = kernel.registerKext(named: "direct")
        let r = kernel.call(try exportIndex("setjmpx"), from: kext, ServiceArguments([UInt64.max]))
        #expect(r.action == .abandon)
        #expect(kernel.crash?.kind == .dsi)
    }

    /// uiomove(cp, n, UIO_READ, uio) over one iovec with the given length and the uio's offset.
    func uiomove(iovLength: Int, offset: Int64) throws -> (ServiceReturn, Kernel) {
        let kernel = try Kernel(configuration: .init(gallocHeapBytes: 16 << 20))
        let kext = kernel.registerKext(named: "direct")
        let source = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        let target = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { source.deallocate(); target.deallocate() }
        var vector = iovec(iov_base: target, iov_len: iovLength)
        let result = try withUnsafeMutablePointer(to: &vector) { v in
            var u = uio(uio_iov: v, uio_xmem: nil, uio_iovcnt: 1, uio_iovdcnt: Int.max, uio_offset: offset,
                        uio_resid: 16, uio_segflg: 1, uio_fmode: 0)
            return try withUnsafeMutablePointer(to: &u) { up in
                kernel.call(try exportIndex("uiomove"), from: kext, ServiceArguments([
                    UInt64(UInt(bitPattern: source)), 16, 0, UInt64(UInt(bitPattern: up))]))
            }
        }
        return (result, kernel)
    }

    @Test("uiomove with a negative iov_len is EINVAL, not a loop or a trap")
    func uiomoveNegativeLength() throws {
        let (r, kernel) = try uiomove(iovLength: -5, offset: 0)
        #expect(r.value == Int64(AIXErrno.invalidArgument.rawValue))
        #expect(kernel.crash == nil)
    }

    @Test("uiomove with uio_offset near LLONG_MAX is EINVAL, not a trap")
    func uiomoveOffsetOverflow() throws {
        let (r, kernel) = try uiomove(iovLength: 16, offset: Int64.max - 2)
        #expect(r.value == Int64(AIXErrno.invalidArgument.rawValue))
        #expect(kernel.crash == nil)
    }

    @Test("uiomove finishing an iovec whose done-count is at its limit moves the data")
    func uiomoveDoneCount() throws {
        let (r, kernel) = try uiomove(iovLength: 16, offset: 0)
        #expect(r.value == 0)
        #expect(kernel.crash == nil)
    }
}
