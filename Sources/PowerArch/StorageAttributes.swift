/// The WIMG storage-control attributes of a page (PTE dw1 bits 57:60).
///
/// Raw values are the four bits as they sit in the PTE once shifted down: W = 8, I = 4, M = 2, G = 1.
public struct StorageAttributes: OptionSet, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0xF }

    /// W (dw1 bit 57): write-through.
    public static let writeThrough = StorageAttributes(rawValue: 0b1000)
    /// I (dw1 bit 58): caching inhibited.
    public static let cachingInhibited = StorageAttributes(rawValue: 0b0100)
    /// M (dw1 bit 59): memory coherence required. Ordinary memory on SMP systems sets it.
    public static let memoryCoherence = StorageAttributes(rawValue: 0b0010)
    /// G (dw1 bit 60): guarded; no speculative access and no instruction fetch.
    public static let guarded = StorageAttributes(rawValue: 0b0001)

    /// Ordinary cacheable, coherent memory: M only.
    public static let memory: StorageAttributes = [.memoryCoherence]
    /// Device registers: caching inhibited and guarded.
    public static let device: StorageAttributes = [.cachingInhibited, .guarded]

    public var description: String {
        (contains(.writeThrough) ? "W" : "-") + (contains(.cachingInhibited) ? "I" : "-")
            + (contains(.memoryCoherence) ? "M" : "-") + (contains(.guarded) ? "G" : "-")
    }
}
