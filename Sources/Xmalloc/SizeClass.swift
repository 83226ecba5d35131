/// The sub-page size classes and the size → class mapping (OS/161's `sizes[]` and
/// `blocktype`).
///
/// Block sizes are powers of two from 16 to 2048 bytes, half a 4 KB page at most, so every
/// block size divides the page and a block of size s in a page-aligned chunk is s-aligned: the
/// class chosen for max(size, boundary) also meets the alignment. Anything bigger than 2048
/// bytes, or aligned to a whole page, takes whole pages instead.
public enum SizeClass {
    public static let blockSizes = [16, 32, 64, 128, 256, 512, 1024, 2048]

    /// How many bytes a bucket chunk of the kernel and pinned heaps takes from galloc at once:
    /// 64 KB, sixteen pages, so growing the heap is rare (one vm_galloc per 4 to 4096 blocks)
    /// while an idle class holds little memory. Private heaps carve one page at a time because
    /// their area may be as small as one page.
    public static let globalChunkBytes = 64 * 1024
    public static let privateChunkBytes = PageSizeFacts.bytes

    /// The smallest class whose blocks hold `bytes`, or nil when whole pages are needed.
    public static func index(fitting bytes: Int) -> Int? {
        blockSizes.firstIndex { $0 >= bytes }
    }

    static func check() {
        // Every block size must divide the page, or blocks would straddle pages and lose
        // their alignment; a page size change must revisit the table.
        precondition(blockSizes.allSatisfy { PageSizeFacts.bytes % $0 == 0 && $0 * 2 <= PageSizeFacts.bytes },
                     "size classes do not fit the page size")
    }
}
