/// Why `slbmte` refused its operands. The processor raises an illegal-instruction program
/// interrupt for these; the value says which check failed.
public enum SLBStoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// RB[52:63] names a slot the SLB does not have.
    case slotOutOfRange(Int)
    /// A reserved bit of RS or RB is set.
    case reservedBitsSet
    /// B = 1x, a reserved segment size.
    case reservedSegmentSize
    /// L||LP is not a page size the processor supports.
    case unknownPageSize(UInt64)

    public var description: String {
        switch self {
        case .slotOutOfRange(let slot): "SLB slot \(slot) does not exist"
        case .reservedBitsSet: "reserved bits set in slbmte operands"
        case .reservedSegmentSize: "reserved segment size B=1x"
        case .unknownPageSize(let llp): "unknown L||LP page-size encoding 0x\(String(llp, radix: 16))"
        }
    }
}
