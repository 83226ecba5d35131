extension Kernel {
    public struct Configuration: Sendable {
        /// The size of the galloc heap's address range.
        public var gallocHeapBytes: UInt64
        /// The backing available to galloc'd memory; nil means as large as the heap.
        public var pagingSpaceBytes: UInt64?
        /// How many calls the trace keeps whole.
        public var traceLimit: Int
        /// xmalloc debug level, seed and fault injection (`--xmalloc-debug`, `--seed`, `--fail`).
        public var xmalloc = XmallocSettings()
        /// Simulated real memory (frames); nil means as large as the heap, so nothing pages out.
        public var realMemoryBytes: UInt64?
        /// Simulated time a run may reach (`--sim-time-limit`); an event due later ends the run
        /// as resource-limit. One hour: far beyond what a test needs, short of a livelock.
        public var simulatedTimeLimit = SimulatedTime.milliseconds(3_600_000)
        /// Console bytes printf may write in a run (`--output-limit`).
        public var outputLimitBytes = 16 << 20
        /// `--arrival-call K`: what is pending on the clock comes due right after the kext's
        /// Kth service call (Kernel+Arrival.swift); nil for the usual order.
        public var arrivalAfterCall: Int?
        /// Device interrupt levels (`--interrupt`) that arrive at the arrival point too, the
        /// first of each level, instead of after CFG_INIT.
        public var arrivalInterrupts: [Int32] = []

        /// 1 GB: far more than any sample needs, and cheap, since only the address range is
        /// reserved until a kext allocates.
        public static let defaultGallocHeapBytes: UInt64 = 1 << 30

        public init(gallocHeapBytes: UInt64 = defaultGallocHeapBytes,
                    pagingSpaceBytes: UInt64? = nil, traceLimit: Int = 10_000)
        {
            self.gallocHeapBytes = gallocHeapBytes
            self.pagingSpaceBytes = pagingSpaceBytes
            self.traceLimit = traceLimit
        }
    }

    public enum SetupError: Error, CustomStringConvertible {
        case cannotReserveGallocHeap(bytes: UInt64)
        public var description: String {
            switch self {
            case .cannotReserveGallocHeap(let bytes):
                "the host refused to reserve \(ByteCount(bytes)) of address space for the galloc heap"
            }
        }
    }
}
