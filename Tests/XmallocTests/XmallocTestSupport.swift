import PowerArch
import VMM
@testable import Xmalloc

/// A VMM and an allocator over it, for one test.
func makeAllocator(gallocBytes: UInt64 = 64 << 20, debug: XmallocDebugConfiguration = .off,
                   hooks: XmallocHooks = XmallocHooks()) -> XmallocAllocator
{
    XmallocAllocator(galloc: VirtualMemoryManager(bytes: gallocBytes, pagingSpaceBytes: gallocBytes)!,
                     debug: debug, hooks: hooks)
}

let kextA = XmallocCaller(owner: RegionOwner(rawValue: 7), function: "kexta_init")
let kextB = XmallocCaller(owner: RegionOwner(rawValue: 8), function: "kextb_open")

extension XmallocAllocator {
    /// xmalloc with the common arguments defaulted.
    func alloc(_ size: Int, align: Int = 0, heap: HeapKind = .kernel,
               caller: XmallocCaller = kextA) -> EffectiveAddress?
    {
        xmalloc(size: size, align: XmallocAlignment(rawValue: align), heap: heap, caller: caller)
    }

    func free(_ ea: EffectiveAddress, heap: HeapKind = .kernel, caller: XmallocCaller = kextA) -> Int32 {
        xmfree(ea, heap: heap, caller: caller)
    }

    func host(_ ea: EffectiveAddress) -> UnsafeMutableRawPointer { galloc.hostPointer(for: ea)! }

    /// The VMM behind the page source, for what only the VMM answers (reports on freed regions).
    var vmm: VirtualMemoryManager { galloc as! VirtualMemoryManager }

    /// The galloc regions xmalloc's heaps own, by galloc's own account.
    var xmallocRegions: [GallocRegion] { galloc.liveRegions.filter { $0.owner.xmallocHeap != nil } }
}

/// An allocation as the model sees it: bytes [start, start + size).
struct ModelBlock {
    let start: UInt64
    let size: Int
    var end: UInt64 { start + UInt64(size) }
    func overlaps(_ other: ModelBlock) -> Bool { start < other.end && other.start < end }
}

/// A 64-byte kernel-heap record at `address`, for the record stores' tests.
func sampleRecord(_ address: UInt64, sequence: Int) -> XmallocRecord {
    XmallocRecord(address: EffectiveAddress(rawValue: address), size: 64, alignment: .byte, heap: .kernel,
                  caller: kextA, sequence: sequence, placement: .guardPage, region: nil,
                  reservedBytes: 64, debug: [], freedBy: nil)
}
