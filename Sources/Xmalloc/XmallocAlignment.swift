/// The `align` argument of `xmalloc`: the log2 of the boundary the address must fall on, so
/// `align = 4` asks for 16-byte alignment and `align = 12` for a page.
///
/// Any value can be represented, because a kext can pass any `int`; only 0…12 are supported
/// and xmalloc fails (returns NULL) for the rest, as a boundary beyond the page cannot be met
/// by sub-page buckets or by page-aligned galloc regions without waste AIX would not accept.
public struct XmallocAlignment: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The log2 of the boundary, exactly as the caller passed it.
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// The largest supported value: one 4 KB page.
    public static let maximumLog2 = Int(PageSizeFacts.shift)

    /// Byte alignment (`align = 0`), what `malloc(x)` = `xmalloc(x, 0, kernel_heap)` asks for.
    public static let byte = XmallocAlignment(rawValue: 0)
    /// Double-word alignment (`align = 3`).
    public static let doubleWord = XmallocAlignment(rawValue: 3)
    /// Page alignment (`align = 12`).
    public static let page = XmallocAlignment(rawValue: 12)

    public var isSupported: Bool { (0...Self.maximumLog2).contains(rawValue) }

    /// The boundary in bytes; only meaningful when `isSupported`.
    public var bytes: Int { isSupported ? 1 << rawValue : 0 }

    /// The boundary an allocation of `size` bytes must meet: `2^align`, except that AIX reads
    /// `align = 0` as "the next power of two of the size", up to a page (buckets give that for
    /// free; a guard-page placement must honour it too).
    public func boundary(forSize size: Int) -> Int {
        guard rawValue == 0 else { return bytes }
        var boundary = 1
        while boundary < size && boundary < PageSizeFacts.bytes { boundary <<= 1 }
        return boundary
    }

    public var description: String { "align \(rawValue) (\(bytes)-byte boundary)" }
}
