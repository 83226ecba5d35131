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

    static func freedByte(at offset: Int) -> UInt8 { freed[offset & 3] }

    static func fillFreed(_ base: UnsafeMutableRawPointer, count: Int) {
        for i in 0..<count { base.storeBytes(of: freedByte(at: i), toByteOffset: i, as: UInt8.self) }
    }

    /// The first offset that no longer holds the freed pattern, or nil when it is intact.
    static func firstDamagedFreed(_ base: UnsafeRawPointer, count: Int) -> Int? {
        (0..<count).first { base.load(fromByteOffset: $0, as: UInt8.self) != freedByte(at: $0) }
    }

    static func fillTrailer(_ base: UnsafeMutableRawPointer, range: Range<Int>) {
        for i in range { base.storeBytes(of: trailer, toByteOffset: i, as: UInt8.self) }
    }

    /// The first offset in `range` that no longer holds the trailer byte, or nil.
    static func firstDamagedTrailer(_ base: UnsafeRawPointer, range: Range<Int>) -> Int? {
        range.first { base.load(fromByteOffset: $0, as: UInt8.self) != trailer }
    }
}
