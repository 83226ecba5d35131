import Testing
@testable import Xmalloc

@Suite("Heap kinds")
struct HeapKindTests {
    @Test("Heaps print with AIX's names")
    func names() {
        #expect(HeapKind.kernel.description == "kernel_heap")
        #expect(HeapKind.pinned.description == "pinned_heap")
        #expect(HeapKind.private(2).description == "private heap #2")
    }
}
