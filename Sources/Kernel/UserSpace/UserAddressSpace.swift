#if canImport(Glibc)
import Glibc
#endif
import PowerArch

/// The simulated user process's data segment: a host reservation apart from the galloc heap,
/// so kernel global memory and user memory never share an address.
///
/// Why the host protection flips: on AIX kernel code reaches user memory only through
/// `copyin`/`copyout` and their kin, which check the address and take a fault as EFAULT. A kext
/// that dereferences a user pointer itself works by accident, if at all, on the real machine.
/// aixsim makes that mistake loud: while kernel code runs (a system call) the segment has no
/// host access, so a direct load or store faults and becomes a DSI; the copy services open it
/// for exactly their own copy. While the user program runs, it is readable and writable.
///
/// Addresses: the host pointer is what kext code receives (as it would receive a user address
/// on AIX); reports show the AIX user effective address, in the 64-bit process's data segment.
public final class UserAddressSpace {
    /// Where a 64-bit AIX process's program data starts: segment 0x11 of the user space.
    public static let dataSegmentBase = EffectiveAddress(0x0000_0001_1000_0000)

    /// Who is touching the segment, which decides its host protection.
    public enum Mode: Sendable {
        /// The user program runs: the process may read and write its memory.
        case user
        /// Kernel code runs on the process's behalf: only the copy services may touch it.
        case kernel
    }

    private static let pageBytes = Int(PageSize.bytes)

    public let host: UInt
    public let size: Int
    /// Bytes handed out so far (page-rounded, they are what the process has mapped).
    public private(set) var used = 0
    public private(set) var mode: Mode = .user

    /// Reserves `size` bytes (rounded up to pages); nil if the host refuses.
    public init?(size: Int = 1 << 20) {
        let bytes = (size + Self.pageBytes - 1) / Self.pageBytes * Self.pageBytes
        let p = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let p, p != MAP_FAILED else { return nil }
        host = UInt(bitPattern: p)
        self.size = bytes
    }

    deinit {
        munmap(UnsafeMutableRawPointer(bitPattern: host), size)
    }

    /// Where a 64-bit AIX process's program text starts: segment 0x10.
    public static let textSegmentBase = EffectiveAddress(0x0000_0001_0000_0000)
    public private(set) var programSegments: [ProgramSegment] = []
    private var reservationBase = dataSegmentBase

    /// Makes a C program's object part of the process; the reservation's addresses follow
    /// `dataEnd`, the user address just past its static data.
    public func attachProgram(_ segments: [ProgramSegment], dataEnd: EffectiveAddress) {
        programSegments = segments
        reservationBase = EffectiveAddress((dataEnd.rawValue + 0xFFFF) & ~0xFFFF)
    }

    /// Hands out `count` bytes of the segment, 16-byte aligned; nil when it is full.
    public func allocate(_ count: Int) -> UInt? {
        let start = (used + 15) & ~15
        guard count >= 0, start + count <= size else { return nil }
        used = start + max(count, 1)
        return host + UInt(start)
    }

    /// Whether `[address, address + count)` lies in memory the process has mapped.
    public func contains(_ address: UInt, count: Int = 1) -> Bool {
        if programSegments.contains(where: { $0.holds(address, count: count) }) { return true }
        guard address >= host, count >= 0 else { return false }
        let offset = address - host
        let mapped = UInt((used + Self.pageBytes - 1) / Self.pageBytes * Self.pageBytes)
        return offset < mapped && UInt(max(count, 1)) <= mapped - offset
    }

    /// Whether the page of user effective address `ea` is one the process has mapped: a piece of
    /// a C program's object, or a handed-out page of the reservation.
    public func isMapped(_ ea: EffectiveAddress) -> Bool {
        guard let address = hostAddress(of: ea) else { return false }
        return contains(address)
    }

    /// The host address of user effective address `ea`, if the process's memory holds it.
    public func hostAddress(of ea: EffectiveAddress) -> UInt? {
        if let segment = programSegments.first(where: {
            ea >= $0.effectiveAddress && ea.rawValue - $0.effectiveAddress.rawValue < UInt64($0.size)
        }) {
            return segment.host + UInt(ea.rawValue - segment.effectiveAddress.rawValue)
        }
        guard ea >= reservationBase, ea.rawValue - reservationBase.rawValue < UInt64(size) else { return nil }
        return host + UInt(ea.rawValue - reservationBase.rawValue)
    }

    /// How many pages of the data segment (from `dataSegmentBase`) the process's memory spans:
    /// a C program's static data, then the reservation.
    public var dataSegmentPages: Int {
        Int(reservationBase.rawValue - Self.dataSegmentBase.rawValue) / Self.pageBytes + size / Self.pageBytes
    }

    /// Whether `address` lies anywhere in the reservation (mapped or not), for classifying faults.
    public func reserves(_ address: UInt) -> Bool {
        (address >= host && address - host < UInt(size)) || programSegments.contains { $0.holds(address) }
    }

    /// How many bytes from `address` to the end of the piece of the process's memory holding it.
    public func bytesReserved(from address: UInt) -> Int {
        if let segment = programSegments.first(where: { $0.holds(address) }) { return segment.size - Int(address - segment.host) }
        return reserves(address) ? size - Int(address - host) : 0
    }

    /// The AIX user effective address of a host pointer into the segment.
    public func effectiveAddress(of address: UInt) -> EffectiveAddress? {
        if let segment = programSegments.first(where: { $0.holds(address) }) {
            return segment.effectiveAddress.advanced(by: UInt64(address - segment.host))
        }
        return reserves(address) ? reservationBase.advanced(by: UInt64(address - host)) : nil
    }

    /// Switches who may touch the segment.
    public func enter(_ newMode: Mode) {
        guard newMode != mode else { return }
        mode = newMode
        let protection = newMode == .user ? PROT_READ | PROT_WRITE : PROT_NONE
        _ = mprotect(UnsafeMutableRawPointer(bitPattern: host), size, protection)
        for segment in programSegments where segment.closes {
            _ = mprotect(UnsafeMutableRawPointer(bitPattern: segment.host), segment.size, newMode == .user ? segment.protection : PROT_NONE)
        }
    }

    /// Runs `body` with the segment open to the kernel: the copy services' one window.
    public func withKernelAccess<T>(_ body: () -> T) -> T {
        let previous = mode
        enter(.user)
        defer { enter(previous) }
        return body()
    }
}
