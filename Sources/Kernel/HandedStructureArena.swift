import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A structure aixsim allocates and hands to kext code, which the kext may write into.
public struct HandedStructure: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case trb
        case uio
        case iovecArray = "iovec-array"
        case uioData = "uio-data"
        case systemCallUIO = "system-call-uio"
        case systemCallIovecArray = "system-call-iovec-array"

        /// What the structure is, in the words of a report.
        public var description: String {
            switch self {
            case .trb: "the timer request block (struct trb) talloc returned"
            case .uio: "the struct uio aixsim passed the entry point"
            case .iovecArray: "the iovec array of the struct uio aixsim passed the entry point"
            case .uioData: "the data buffer (--data) the entry point's struct uio describes"
            case .systemCallUIO: "the struct uio the read or write system call passed the driver"
            case .systemCallIovecArray: "the iovec array of the struct uio the read or write system call passed the driver"
            }
        }

        /// What lies after such a structure on AIX, which an overrun would corrupt.
        public var neighbours: String {
            switch self {
            case .trb: "another timer request block, or the kernel's timer lists"
            case .uio, .iovecArray: "the rest of the configuration request sysconfig built"
            case .uioData: "the calling process's other data"
            case .systemCallUIO, .systemCallIovecArray: "the rest of the system call's frame on the kernel stack"
            }
        }
    }

    public let kind: Kind
    /// Its first byte (host address) and its size in bytes.
    public let start: UInt
    public let size: Int
}

/// Where aixsim keeps the structures it hands kexts (trbs, the entry point's uio): apart from its
/// own malloc heap, each ending at a page boundary with an inaccessible page after it. A store
/// past one then faults at the kext's instruction, and the report names the structure, instead
/// of corrupting malloc's bookkeeping so that aixsim dies later in its own code.
public final class HandedStructureArena: Sendable {
    public static let shared = HandedStructureArena()

    private struct Block {
        let structure: HandedStructure
        /// The mapping's address (object pages and guard page), or nil for the malloc fallback.
        let mapping: UInt?
        let mappingBytes: Int
    }

    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
    private struct Table {
        /// Blocks by their structure's start.
        var blocks: [UInt: Block] = [:]
        /// The start of the structure each guard page follows, by the guard page's address.
        var guards: [UInt: UInt] = [:]
    }

    private let table = Mutex(Table())
    /// Two mappings per structure count against the host's limit on mappings (vm.max_map_count,
    /// 65530 by default); past this many, structures come from malloc, unguarded.
    private static let guardedLimit = 16_384

    /// Zeroed memory for one structure of `kind`, `bytes` long, aligned to `alignment`.
    public func allocate(_ kind: HandedStructure.Kind, bytes: Int, alignment: Int) -> UnsafeMutableRawPointer {
        let size = max(1, bytes)
        let rounded = (size + alignment - 1) / alignment * alignment
        let bodyBytes = (rounded + pageSize - 1) / pageSize * pageSize
        let guarded = table.withLock { $0.guards.count } < Self.guardedLimit
        if guarded, let mapping = mmap(nil, bodyBytes + pageSize, PROT_READ | PROT_WRITE,
                                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), mapping != MAP_FAILED {
            let guardPage = mapping + bodyBytes
            if mprotect(guardPage, pageSize, PROT_NONE) == 0 {
                let object = guardPage - rounded
                let structure = HandedStructure(kind: kind, start: UInt(bitPattern: object), size: size)
                table.withLock {
                    $0.blocks[structure.start] = Block(structure: structure, mapping: UInt(bitPattern: mapping),
                                                       mappingBytes: bodyBytes + pageSize)
                    $0.guards[UInt(bitPattern: guardPage)] = structure.start
                }
                return object
            }
            munmap(mapping, bodyBytes + pageSize)
        }
        let object = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: alignment)
        object.initializeMemory(as: UInt8.self, repeating: 0, count: rounded)
        let structure = HandedStructure(kind: kind, start: UInt(bitPattern: object), size: size)
        table.withLock { $0.blocks[structure.start] = Block(structure: structure, mapping: nil, mappingBytes: 0) }
        return object
    }

    /// Gives back what `allocate` returned.
    public func release(_ object: UnsafeMutableRawPointer) {
        let start = UInt(bitPattern: object)
        let block: Block? = table.withLock { t in
            guard let block = t.blocks.removeValue(forKey: start) else { return nil }
            if let mapping = block.mapping {
                t.guards[mapping + UInt(block.mappingBytes - pageSize)] = nil
            }
            return block
        }
        guard let block else { return }
        if let mapping = block.mapping {
            munmap(UnsafeMutableRawPointer(bitPattern: mapping), block.mappingBytes)
        } else {
            object.deallocate()
        }
    }

    /// The structure whose guard page holds `address`, and how far past its end the address lies
    /// (1: its first byte after).
    public func structure(overrunBy address: UInt) -> (HandedStructure, distance: Int64)? {
        let page = address & ~UInt(pageSize - 1)
        guard let block = table.withLock({ t in t.guards[page].flatMap { t.blocks[$0] } }) else { return nil }
        let end = block.structure.start + UInt(block.structure.size)
        return (block.structure, Int64(address - end) + 1)
    }
}
