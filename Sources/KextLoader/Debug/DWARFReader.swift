/// A little-endian cursor over part of a DWARF section. Every length and offset it meets came
/// from the kext's file and may be crafted, so each read checks its bounds and throws
/// `DWARFReader.OutOfBounds` instead of trapping; the caller drops what it was decoding.
struct DWARFReader {
    struct OutOfBounds: Error {}

    private let bytes: ArraySlice<UInt8>
    /// Where the next read starts, counted from the start of `bytes`.
    private(set) var position: Int
    /// One past the last byte this reader may read (itself within `bytes`).
    let end: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = 0
        end = bytes.count
    }

    private init(bytes: ArraySlice<UInt8>, position: Int, end: Int) {
        self.bytes = bytes
        self.position = position
        self.end = end
    }

    var isAtEnd: Bool { position >= end }

    /// A reader over the next `count` bytes alone; this reader moves past them.
    mutating func subReader(count: UInt64) throws(OutOfBounds) -> DWARFReader {
        guard count <= UInt64(end - position) else { throw OutOfBounds() }
        let sub = DWARFReader(bytes: bytes, position: position, end: position + Int(count))
        position += Int(count)
        return sub
    }

    /// A reader over the same bytes starting at `offset` (for string sections).
    func reader(at offset: UInt64) throws(OutOfBounds) -> DWARFReader {
        guard offset < UInt64(end) else { throw OutOfBounds() }
        return DWARFReader(bytes: bytes, position: Int(offset), end: end)
    }

    mutating func skip(_ count: UInt64) throws(OutOfBounds) {
        guard count <= UInt64(end - position) else { throw OutOfBounds() }
        position += Int(count)
    }

    mutating func skip(to offset: Int) throws(OutOfBounds) {
        guard offset >= position, offset <= end else { throw OutOfBounds() }
        position = offset
    }

    mutating func u8() throws(OutOfBounds) -> UInt8 {
        guard position < end else { throw OutOfBounds() }
        defer { position += 1 }
        return bytes[bytes.startIndex + position]
    }

    mutating func s8() throws(OutOfBounds) -> Int8 { Int8(bitPattern: try u8()) }

    /// An unsigned value of `size` bytes (1 to 8).
    mutating func unsigned(size: Int) throws(OutOfBounds) -> UInt64 {
        guard size >= 1, size <= 8, size <= end - position else { throw OutOfBounds() }
        var value: UInt64 = 0
        for i in 0..<size {
            value |= UInt64(bytes[bytes.startIndex + position + i]) << (8 * UInt64(i))
        }
        position += size
        return value
    }

    mutating func u16() throws(OutOfBounds) -> UInt16 { UInt16(try unsigned(size: 2)) }
    mutating func u32() throws(OutOfBounds) -> UInt32 { UInt32(try unsigned(size: 4)) }
    mutating func u64() throws(OutOfBounds) -> UInt64 { try unsigned(size: 8) }

    /// Unsigned LEB128. Bits beyond 64 are dropped: a padded encoding still decodes, and a
    /// crafted one cannot shift past the width.
    mutating func uleb() throws(OutOfBounds) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try u8()
            if shift < 64 { value |= UInt64(byte & 0x7F) << shift }
            shift += 7
            if byte & 0x80 == 0 { return value }
        }
    }

    /// Signed LEB128, sign-extended from the last byte read.
    mutating func sleb() throws(OutOfBounds) -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        var byte: UInt8
        repeat {
            byte = try u8()
            if shift < 64 { value |= UInt64(byte & 0x7F) << shift }
            shift += 7
        } while byte & 0x80 != 0
        if shift < 64, byte & 0x40 != 0 { value |= ~UInt64(0) << shift }
        return Int64(bitPattern: value)
    }

    /// A NUL-terminated string; a string running off the end is out of bounds.
    mutating func cString() throws(OutOfBounds) -> String {
        let start = bytes.startIndex + position
        let limit = bytes.startIndex + end
        guard let nul = bytes[start..<limit].firstIndex(of: 0) else { throw OutOfBounds() }
        position = nul - bytes.startIndex + 1
        return String(decoding: bytes[start..<nul], as: UTF8.self)
    }
}
