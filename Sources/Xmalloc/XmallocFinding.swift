import PowerArch
import VMM

/// One broken rule, as a value: what happened, at which address, in which heap, with both
/// layers behind it (the xmalloc record and the galloc region and page).
public struct XmallocFinding: Hashable, Sendable, CustomStringConvertible {
    public let kind: XmallocFindingKind
    /// The heap the call named.
    public let heap: HeapKind
    /// The address the finding is about: the pointer passed to xmfree, or the damaged byte.
    public let address: EffectiveAddress
    /// The xmalloc layer: the allocation involved (the freed one for a double free or a write
    /// after free, the live one for a wrong heap, an overrun or an interior pointer).
    public let record: XmallocRecord?
    /// The galloc layer: the region `address` lies in (or lay in, if it has been freed since).
    public let region: GallocRegion?
    /// The page containing `address`.
    public let page: EffectiveAddress
    /// The call that found it, when there was one (a chunk returned to galloc has none).
    public let call: XmallocCaller?

    public var description: String {
        var text = "\(kind) at \(address) in \(heap)"
        if let record { text += "; allocation #\(record.sequence) of \(record.size) bytes at \(record.address) by \(record.caller)" }
        if let region { text += "; galloc region \(region.start)+\(region.size) #\(region.sequence)" }
        text += "; page \(page)"
        if let call { text += "; found in a call by \(call)" }
        return text
    }
}
