import PowerArch
import Testing
@testable import Xmalloc

/// The heap remembers its last 4096 frees (as a ring) to tell a double free from a free of a
/// pointer it never returned.
@Suite("Freed-record history")
struct FreedHistoryTests {
    @Test("A double free is recognised while within the last 4096 frees, and forgotten after")
    func window() throws {
        let allocator = makeAllocator()
        // Distinct addresses: keep every block live until all are allocated.
        let blocks = (0..<5000).compactMap { _ in allocator.alloc(16) }
        #expect(blocks.count == 5000)
        for ea in blocks { #expect(allocator.free(ea) == 0) }
        // The last 4096 frees are remembered, the 904 before them are not.
        #expect(allocator.free(blocks[4999]) == -1)
        #expect(allocator.findings.last?.kind == .doubleFree)
        #expect(allocator.free(blocks[904]) == -1)
        #expect(allocator.findings.last?.kind == .doubleFree)
        #expect(allocator.free(blocks[903]) == -1)
        #expect(allocator.findings.last?.kind == .freeOfUnallocated)
    }
}
