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

    @Test("A double free of a reused address names the newest allocation freed there, even after the ring wrapped")
    func newestAtAddress() throws {
        let allocator = makeAllocator()
        // 3000 frees before and 2000 after: the 4096-entry ring wraps, and these two stay in it.
        for _ in 0..<3000 { #expect(allocator.free(try #require(allocator.alloc(200))) == 0) }
        let first = try #require(allocator.alloc(24))
        let firstSequence = try #require(allocator.record(at: first)?.sequence)
        #expect(allocator.free(first) == 0)
        // LIFO free list: the same block comes back.
        let second = try #require(allocator.alloc(24))
        #expect(second == first)
        let secondSequence = try #require(allocator.record(at: second)?.sequence)
        #expect(allocator.free(second, caller: kextB) == 0)
        for _ in 0..<2000 { #expect(allocator.free(try #require(allocator.alloc(200))) == 0) }
        #expect(allocator.free(first) == -1)
        let finding = try #require(allocator.findings.last)
        #expect(finding.kind == .doubleFree)
        #expect(finding.record?.sequence == secondSequence && secondSequence > firstSequence)
        #expect(finding.record?.freedBy == kextB)
    }
}
