import CPageState

/// What the VMM knows about one page of the galloc heap, as the C page-state table holds it
/// (one byte per page, shared with the fault handler).
public struct PageState: Hashable, Sendable, CustomStringConvertible {
    /// Where the page's contents are.
    public enum Residency: UInt8, Sendable, Codable {
        /// No allocation covers the page (free range, guard page, freed region): any access is a DSI.
        case unallocated = 0
        /// Allocated and never touched: the first touch zero-fills a frame.
        case zeroFill = 1
        /// In a frame of simulated real memory.
        case resident = 2
        /// Stolen by the clock; the contents wait in a paging-space slot.
        case pagedOut = 3
    }

    public let residency: Residency
    /// R: referenced since the clock last cleared it.
    public let referenced: Bool
    /// C: stored to since it was allocated.
    public let changed: Bool
    public let pinned: Bool

    public init(residency: Residency, referenced: Bool, changed: Bool, pinned: Bool) {
        self.residency = residency
        self.referenced = referenced
        self.changed = changed
        self.pinned = pinned
    }

    init(byte: UInt8) {
        residency = Residency(rawValue: byte & UInt8(AIXSIM_PAGE_STATE_MASK)) ?? .unallocated
        referenced = byte & UInt8(AIXSIM_PAGE_R) != 0
        changed = byte & UInt8(AIXSIM_PAGE_C) != 0
        pinned = byte & UInt8(AIXSIM_PAGE_PINNED) != 0
    }

    public var description: String {
        let name = switch residency {
        case .unallocated: "unallocated"
        case .zeroFill: "zero-fill"
        case .resident: "resident"
        case .pagedOut: "paged-out"
        }
        return name + (referenced ? " R" : "") + (changed ? " C" : "") + (pinned ? " pinned" : "")
    }
}
