import PowerArch
import Testing
@testable import Kernel
import VMM

/// The kernel's side of the user segment: a system call takes the segment out of the SLB, the
/// user-address checks translate through the MMU in a copy window. Serialized: kernels share
/// the process's fault handlers.
@Suite("Kernel: user addresses through the software MMU", .serialized)
struct UserSegmentKernelTests {
    func kernelWithProcess() throws -> (Kernel, UserProcess, UInt) {
        let kernel = try Kernel()
        let space = try #require(UserAddressSpace(size: 64 << 10))
        let process = UserProcess(space: space)
        kernel.startUserProcess(process)
        let buffer = try #require(space.allocate(100))
        return (kernel, process, buffer)
    }

    static func userSegmentInSLB(_ kernel: Kernel) -> Bool {
        kernel.vmm.translator.slb.entries.contains { $0.isValid && $0.esid == UserSegment.dataESID }
    }

    @Test("Entering a system call removes the user segment from the SLB; leaving it puts it back")
    func systemCallContext() throws {
        let (kernel, _, _) = try kernelWithProcess()
        #expect(Self.userSegmentInSLB(kernel))
        kernel.enterSystemCall("test")
        #expect(!Self.userSegmentInSLB(kernel) && !kernel.vmm.userSegmentReachable)
        kernel.leaveSystemCall()
        #expect(Self.userSegmentInSLB(kernel))
    }

    @Test("In a system call, a mapped user buffer translates in the copy window and gets its PTE; the SLB is the kernel's again after")
    func mappedBuffer() throws {
        let (kernel, process, buffer) = try kernelWithProcess()
        kernel.enterSystemCall("test")
        #expect(kernel.userRangeTranslates(buffer, count: 100, access: .store, in: process))
        #expect(!Self.userSegmentInSLB(kernel))
        let page = try #require(kernel.vmm.userPageEntries.first)
        #expect(page.page == 0 && page.entry.protection == .readWrite && page.entry.isChanged)
    }

    @Test("A user page the process has not mapped, or a kernel address, does not translate (copyin's EFAULT)")
    func unmappedOrKernel() throws {
        let (kernel, process, buffer) = try kernelWithProcess()
        kernel.enterSystemCall("test")
        #expect(!kernel.userRangeTranslates(buffer + 8192, count: 4, access: .load, in: process))
        #expect(!kernel.userRangeTranslates(buffer, count: 8192, access: .load, in: process), "runs off the mapped page")
        #expect(!kernel.userRangeTranslates(UInt(kernel.vmm.map.hostStart.rawValue), count: 4, access: .load, in: process))
    }

    @Test("--inspect's user segment: the entry, where it is, and the pages with their PP, R and C")
    func inspection() throws {
        let (kernel, process, buffer) = try kernelWithProcess()
        kernel.enterSystemCall("test")
        _ = kernel.userRangeTranslates(buffer, count: 10, access: .load, in: process)
        var user = try #require(kernel.inspectMMU().user)
        #expect(user.esid == "0x11" && user.ks == 1 && user.kp == 1 && user.slot == nil)
        #expect(user.pages.map(\.pp) == ["10"] && user.pages.first?.referenced == true && user.pages.first?.changed == false)
        kernel.leaveSystemCall()
        user = try #require(kernel.inspectMMU().user)
        #expect(user.slot != nil && user.mappedPages == 1)
    }
}
