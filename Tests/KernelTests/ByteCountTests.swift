import Testing
@testable import Kernel

/// Sizes as reports print them, up to the largest a fuzzed vm_galloc can ask for.
@Suite("Byte counts")
struct ByteCountTests {
    @Test("Whole and fractional units, and sizes near 2^64 without overflow")
    func descriptions() {
        #expect(ByteCount(8192).description == "8 KB")
        #expect(ByteCount(1536 * 1024).description == "1.5 MB")
        #expect(ByteCount(1).description == "1 byte")
        #expect(ByteCount(UInt64.max - 4095).description == "16777216.0 TB")
    }
}
