import Testing
@testable import Xmalloc

/// The poison checks go a word at a time: a single damaged byte must still be named at its
/// exact offset, wherever it lies in the word, and a block or trailer of any length checked.
@Suite("Poison patterns: byte-exact damage offsets")
struct PoisonTests {
    @Test("Every damaged byte of a freed block is named at its offset, whatever the block length",
          arguments: [16, 20, 64, 2048])
    func freedOffsets(count: Int) {
        let block = UnsafeMutableRawPointer.allocate(byteCount: count, alignment: 16)
        defer { block.deallocate() }
        Poison.fillFreed(block, count: count)
        for i in 0..<count { #expect(block.load(fromByteOffset: i, as: UInt8.self) == Poison.freed[i & 3]) }
        #expect(Poison.firstDamagedFreed(block, count: count) == nil)
        for offset in 0..<count {
            let kept = block.load(fromByteOffset: offset, as: UInt8.self)
            block.storeBytes(of: kept ^ 0x01, toByteOffset: offset, as: UInt8.self)
            #expect(Poison.firstDamagedFreed(block, count: count) == offset)
            block.storeBytes(of: kept, toByteOffset: offset, as: UInt8.self)
        }
    }

    @Test("Every damaged trailer byte is named at its offset, for trailers starting anywhere in a word")
    func trailerOffsets() {
        let block = UnsafeMutableRawPointer.allocate(byteCount: 128, alignment: 16)
        defer { block.deallocate() }
        for start in [1, 7, 8, 33, 64] {
            let range = start..<128
            block.initializeMemory(as: UInt8.self, repeating: 0, count: 128)
            Poison.fillTrailer(block, range: range)
            #expect(block.load(fromByteOffset: start - 1, as: UInt8.self) == 0)
            #expect(Poison.firstDamagedTrailer(block, range: range) == nil)
            for offset in range {
                block.storeBytes(of: 0x00, toByteOffset: offset, as: UInt8.self)
                #expect(Poison.firstDamagedTrailer(block, range: range) == offset)
                block.storeBytes(of: Poison.trailer, toByteOffset: offset, as: UInt8.self)
            }
        }
    }
}
