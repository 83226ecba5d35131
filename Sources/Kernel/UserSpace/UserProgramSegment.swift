import PowerArch

extension UserAddressSpace {
    /// A piece of a C program's loaded object that is the process's memory too: its text and
    /// read-only data (user addresses from `textSegmentBase`) and its static data (from
    /// `dataSegmentBase`, the reservation after it, as AIX puts the heap after a program's data).
    public struct ProgramSegment: Sendable {
        public let host: UInt
        public let size: Int
        public let effectiveAddress: EffectiveAddress
        /// Closed to kernel code while a system call runs, as the reservation is; the pieces the
        /// host's dynamic loader reads for its own purposes stay open.
        public let closes: Bool
        public let protection: Int32

        public init(host: UInt, size: Int, effectiveAddress: EffectiveAddress, closes: Bool, protection: Int32) {
            (self.host, self.size, self.effectiveAddress, self.closes, self.protection) = (host, size, effectiveAddress, closes, protection)
        }

        func holds(_ address: UInt, count: Int = 1) -> Bool {
            address >= host && address - host < UInt(size) && UInt(max(count, 1)) <= UInt(size) - (address - host)
        }
    }
}
