import Xmalloc

/// The kernel's xmalloc side: the heaps and the fault injector, each created on first use so a
/// run that never calls xmalloc (or never asks for --fail) keeps galloc's layout as it was.
struct XmallocState {
    /// Set once, on first use, and kept for the kernel's life.
    var heaps: XmallocKernelState? {
        didSet { unretainedHeaps = heaps.map { Unmanaged.passUnretained($0) } }
    }
    /// `heaps` again, for `Kernel.withXmallocKernel`: a service borrows the state through it
    /// instead of retaining and releasing it on every call (the strong reference above keeps
    /// it alive, and it is never replaced).
    private(set) var unretainedHeaps: Unmanaged<XmallocKernelState>?
    var faultInjector: FaultInjector?
}

/// The xmalloc heaps of one kernel, and the handles kexts know them by.
///
/// Handles. On AIX `kernel_heap` and `pinned_heap` hold heap addresses and `init_heap` returns
/// one. Here the two kernel heaps' handles are two addresses of a small host block the kernel
/// owns (so they are distinct, stable for the run, and never memory a kext may use), and a
/// private heap's handle is its area's address, as AIX returns the heap at the start of the
/// area. Anything else passed as a heap is not a heap: xmalloc returns NULL, xmfree -1.
final class XmallocKernelState {
    let allocator: XmallocAllocator
    /// The kernel's one fault injector (also `XmallocState.faultInjector`), held here too so an
    /// xmalloc reaches it through the state it already has.
    let faultInjector: FaultInjector
    private let handleBlock: UnsafeMutableRawPointer

    /// What each return address seen on the stack is: a kext location, or nil for aixsim's own
    /// frames. Asking the dynamic linker (dladdr) per frame is the dearest part of naming the
    /// caller of every xmalloc, and the same few addresses recur; kexts stay loaded at the same
    /// addresses for the kernel's life, so the answers never go stale.
    var frameLocations: [UInt: String?] = [:]

    /// The calling functions of the last service calls, direct-mapped by return address and
    /// kext: a kext's xmalloc and xmfree call sites recur, and a hit here costs no hashing, no
    /// string and no question to the runtime. Filled only with what the return address alone
    /// decided (never a stack walk's answer), so a hit says what the slow path would.
    private var recentCallers = [(returnAddress: UInt, kext: KextID, caller: XmallocCaller?)](
        repeating: (0, KextID(rawValue: -1), nil), count: 16)

    func recentCaller(returning returnAddress: UInt, kext: KextID) -> XmallocCaller? {
        let entry = recentCallers[Self.slot(returnAddress)]
        return entry.returnAddress == returnAddress && entry.kext == kext && returnAddress != 0 ? entry.caller : nil
    }

    func rememberCaller(_ caller: XmallocCaller, returning returnAddress: UInt, kext: KextID) {
        recentCallers[Self.slot(returnAddress)] = (returnAddress, kext, caller)
    }

    private static func slot(_ address: UInt) -> Int { Int(truncatingIfNeeded: (address ^ (address >> 4)) & 15) }

    init(allocator: XmallocAllocator, faultInjector: FaultInjector) {
        self.allocator = allocator
        self.faultInjector = faultInjector
        handleBlock = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 16)
    }

    deinit { handleBlock.deallocate() }

    var kernelHeapHandle: UInt { UInt(bitPattern: handleBlock) }
    var pinnedHeapHandle: UInt { UInt(bitPattern: handleBlock) + 8 }
}

