import Testing
@testable import Kernel
import VMM

/// The kernel driven directly, as the loader's table drives it: a service by its export-list
/// index, raw arguments, and what comes back. No kext, no loader.
@Suite("Kernel: service calls through Kernel.call", .serialized)
struct ServiceCallTests {
    @Test("vm_galloc allocates a region the calling kext owns and stores its address; vm_gfree frees it")
    func gallocAndFree() throws {
        let kernel = try Kernel()
        let kext = kernel.registerKext(named: "direct")
        var eaddr: UInt64 = 0
        let result = try withUnsafeMutablePointer(to: &eaddr) { p in
            kernel.call(try exportIndex("vm_galloc"), from: kext,
                        ServiceArguments([UInt64(GallocFlags.working.rawValue), 8192, UInt64(UInt(bitPattern: p))]))
        }
        #expect(result.action == .return && result.value == 0)
        let region = try #require(kernel.regions(ownedBy: kext).first)
        #expect(region.size == 8192)
        #expect(eaddr == UInt64(kernel.vmm.map.hostAddress(of: region.start)!.rawValue), "*eaddr is the kext's pointer to the region")
        let free = kernel.call(try exportIndex("vm_gfree"), from: kext, ServiceArguments([eaddr, 8192]))
        #expect(free.value == 0)
        #expect(kernel.regions(ownedBy: kext).isEmpty)
        #expect(kernel.trace.records.map(\.service) == ["vm_galloc", "vm_gfree"])
        #expect(kernel.trace.records.allSatisfy { $0.kext == "direct" })
    }

    @Test("A bad vm_galloc type is EINVAL, traced with the errno's name, and allocates nothing")
    func gallocBadType() throws {
        let kernel = try Kernel()
        let kext = kernel.registerKext(named: "direct")
        var eaddr: UInt64 = 0
        let result = try withUnsafeMutablePointer(to: &eaddr) { p in
            kernel.call(try exportIndex("vm_galloc"), from: kext,
                        ServiceArguments([UInt64(GallocFlags.working.rawValue | 0x2), 4096, UInt64(UInt(bitPattern: p))]))
        }
        #expect(result.value == Int64(AIXErrno.invalidArgument.rawValue))
        #expect(kernel.trace.records.first?.error == "EINVAL")
        #expect(kernel.regions(ownedBy: kext).isEmpty && eaddr == 0)
    }

    @Test("vm_gfree of an address no region holds is EINVAL")
    func gfreeUnknown() throws {
        let kernel = try Kernel()
        let kext = kernel.registerKext(named: "direct")
        let result = kernel.call(try exportIndex("vm_gfree"), from: kext, ServiceArguments([0x1000, 4096]))
        #expect(result.value == Int64(AIXErrno.invalidArgument.rawValue) && result.action == .return)
        #expect(kernel.crash == nil)
    }

    @Test("Every call is checked: a process-only service after i_disable(INTMAX) abandons the call with a crash")
    func environmentChecked() throws {
        let kernel = try Kernel()
        let kext = kernel.registerKext(named: "direct")
        let old = kernel.call(try exportIndex("i_disable"), from: kext, ServiceArguments([UInt64(0)]))
        #expect(old.value == 11, "i_disable returns INTBASE")
        let refused = kernel.call(try exportIndex("vm_gfree"), from: kext, ServiceArguments([0x1000, 4096]))
        #expect(refused.abandon)
        let crash = try #require(kernel.crash)
        #expect(crash.kind == .environmentViolation && crash.service == "vm_gfree")
        #expect(crash.priority == .INTMAX && crash.environment == .process)
        #expect(kernel.trace.records.last?.detail?.hasPrefix("refused: vm_gfree called with interrupts disabled") == true)
    }

    @Test("Interrupt-usable services stay legal with interrupts disabled")
    func interruptUsableWhileDisabled() throws {
        let kernel = try Kernel()
        let kext = kernel.registerKext(named: "direct")
        _ = kernel.call(try exportIndex("i_disable"), from: kext, ServiceArguments([UInt64(0)]))
        let pid = kernel.call(try exportIndex("getpid"), from: kext, ServiceArguments())
        #expect(pid.action == .return && pid.value > 0, "the process environment has a process id")
        #expect(kernel.crash == nil)
    }
}
