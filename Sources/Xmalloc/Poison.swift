/// The byte patterns the debug techniques write, distinct so a dump tells which one it sees.
///
/// Checks read host memory through the galloc heap's address map; the allocator keeps all its
/// bookkeeping outside the memory it serves, so a kext scribbling over a block can make a check
/// fail but never corrupt a free list.
enum Poison {
    /// Freed blocks: `0xDEADBEEF`, big-endian as POWER stores it, repeated from the block start.
    static let freed: [UInt8] = [0xDE, 0xAD, 0xBE, 0xEF]
    /// Bytes between the requested size and the end of the block (the red zone).
    static let trailer: UInt8 = 0xBA

    /// Eight bytes of the freed pattern as one host word, so a fill or a check goes a word at a
    /// time (the watch poisons every freed block, so both run on every pair).
    /// (Computed, not a stored static: a stored one is a `swift_once` per use on Linux.)
    private static var freedWord: UInt64 { UInt64(bigEndian: 0xDEAD_BEEF_DEAD_BEEF) }

    static func freedByte(at offset: Int) -> UInt8 { freed[offset & 3] }

    /// Blocks start at their size's alignment (16 bytes at least) and hold a whole number of
    /// words, so the word loop covers them; a tail is done bytewise all the same.
    static func fillFreed(_ base: UnsafeMutableRawPointer, count: Int) {
        let words = count >> 3
        for w in 0..<words { base.storeBytes(of: freedWord, toByteOffset: w << 3, as: UInt64.self) }
        for i in (words << 3)..<count { base.storeBytes(of: freedByte(at: i), toByteOffset: i, as: UInt8.self) }
    }

    /// The first offset that no longer holds the freed pattern, or nil when it is intact.
    static func firstDamagedFreed(_ base: UnsafeRawPointer, count: Int) -> Int? {
        let words = count >> 3
        var w = 0
        while w < words, base.loadUnaligned(fromByteOffset: w << 3, as: UInt64.self) == freedWord { w += 1 }
        return ((w << 3)..<count).first { base.load(fromByteOffset: $0, as: UInt8.self) != freedByte(at: $0) }
    }

    static func fillTrailer(_ base: UnsafeMutableRawPointer, range: Range<Int>) {
        (base + range.lowerBound).initializeMemory(as: UInt8.self, repeating: trailer, count: range.count)
    }

    /// The first offset in `range` that no longer holds the trailer byte, or nil.
    static func firstDamagedTrailer(_ base: UnsafeRawPointer, range: Range<Int>) -> Int? {
        let trailerWord = UInt64(trailer) &* 0x0101_0101_0101_0101
        var offset = range.lowerBound
        while offset + 8 <= range.upperBound,
              base.loadUnaligned(fromByteOffset: offset, as: UInt64.self) == trailerWord
        { offset += 8 }
        return (offset..<range.upperBound).first { base.load(fromByteOffset: $0, as: UInt8.self) != trailer }
    }
}
