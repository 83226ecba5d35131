import PowerArch
import VMM
import Xmalloc

/// Both layers behind an xmalloc finding, as plain values for the report and `--json`: the
/// xmalloc record (what the kext asked for, where and when) and the galloc region and page the
/// memory lies in.
public struct XmallocLayers: Codable, Sendable {
    /// The xmalloc layer: one allocation.
    public struct Record: Codable, Sendable {
        /// `kernel_heap`, `pinned_heap` or `private heap #n`.
        public let heap: String
        public let address: EffectiveAddress
        public let size: Int
        /// xmalloc's `align`: log2 of the boundary.
        public let align: Int
        public let kext: String
        /// The kext function that called xmalloc (function+offset).
        public let function: String
        /// Allocation order across all heaps, from 1.
        public let sequence: Int
        /// `bucket of N-byte blocks`, `whole pages` or `behind a guard page`.
        public let placement: String
        /// The debug techniques applied to it, if any (free-fill, trailer, …).
        public let debug: [String]
        /// The kext function (and line) whose xmfree gave it back; nil while it is live.
        public var freedBy: String?
    }

    /// The galloc layer: the region (and page) the address lies in.
    public struct Galloc: Codable, Sendable {
        public let regionStart: EffectiveAddress
        public let regionSize: UInt64
        /// The region's vm_galloc order, from 1.
        public let regionSequence: Int
        /// Who holds the region: `kernel_heap`, `pinned_heap`, or a kext's name.
        public let owner: String
        public let page: EffectiveAddress
        /// Pinned pages of the region when the finding was made.
        public let pinnedPages: Int
    }

    /// The heap the call named (for a wrong-heap free, not the heap that owns the memory).
    public let namedHeap: String
    public let record: Record?
    public let galloc: Galloc?

    /// One line per layer, for the human report.
    public var lines: [String] {
        var out: [String] = []
        if let r = record {
            out.append("xmalloc record #\(r.sequence): \(r.size) bytes at \(r.address), align \(r.align), "
                + "\(r.heap), \(r.placement), by \(r.kext) in \(r.function)"
                + (r.debug.isEmpty ? "" : " [\(r.debug.joined(separator: ", "))]")
                + (r.freedBy.map { "; freed by xmfree in \($0)" } ?? ""))
        }
        if let g = galloc {
            out.append("galloc region #\(g.regionSequence): \(ByteCount(g.regionSize)) at \(g.regionStart) "
                + "held by \(g.owner); page \(g.page)" + (g.pinnedPages > 0 ? ", \(g.pinnedPages) pinned pages" : ""))
        }
        return out
    }
}

extension XmallocDebugOptions {
    /// The techniques' names as the report spells them.
    var names: [String] {
        var out: [String] = []
        if contains(.freeFill) { out.append("free-fill") }
        if contains(.trailers) { out.append("trailer") }
        if contains(.deferredReuse) { out.append("deferred reuse") }
        if contains(.guardPages) { out.append("guard page") }
        return out
    }
}

extension XmallocPlacement {
    var words: String {
        switch self {
        case .bucket(_, let blockSize): "bucket of \(blockSize)-byte blocks"
        case .pages: "whole pages"
        case .guardPage: "behind a guard page"
        }
    }
}
