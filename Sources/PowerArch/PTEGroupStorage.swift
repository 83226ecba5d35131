#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hashed page table's memory: every PTEG of the table, contiguous and indexed by group
/// number, as the hardware sees it at HTABORG.
///
/// The region is reserved, not committed (`MAP_NORESERVE`): the host backs a 4 KB page of it
/// (32 groups) only when a PTE is first written there, so a table sized for a 16 GB heap costs
/// what its used groups cost. Untouched memory reads as zeros, which is eight empty PTEs, so a
/// search of a never-written group needs no presence check. Finding a group is one shift and one
/// load, where a dictionary of groups hashed the group number twice per miss.
///
/// Shared between copies of a `HashedPageTable` until one of them writes (copy on write), so the
/// table keeps value semantics. `@unchecked Sendable` because it is mutated only through a
/// uniquely referenced table, which `isKnownUniquelyReferenced` guarantees.
final class PTEGroupStorage: @unchecked Sendable {
    let groups: UnsafeMutablePointer<PTEGroup>
    let groupCount: Int
    private let byteCount: Int

    init(groupCount: UInt64) {
        precondition(MemoryLayout<PTEGroup>.stride == Int(SDR1.ptegBytes), "a PTEG is 128 bytes")
        self.groupCount = Int(groupCount)
        byteCount = Int(groupCount) * MemoryLayout<PTEGroup>.stride
        let base = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let base, base != MAP_FAILED else {
            fatalError("cannot reserve \(byteCount) bytes of host address space for the hashed page table")
        }
        groups = base.bindMemory(to: PTEGroup.self, capacity: self.groupCount)
    }

    /// A copy holding the same entries in `usedGroups`; every other group of the source is empty.
    func copy(usedGroups: Set<UInt64>) -> PTEGroupStorage {
        let copy = PTEGroupStorage(groupCount: UInt64(groupCount))
        for group in usedGroups { copy.groups[Int(group)] = groups[Int(group)] }
        return copy
    }

    deinit { munmap(groups, byteCount) }
}
