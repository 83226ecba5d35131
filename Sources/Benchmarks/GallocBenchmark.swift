import CHostBench
import Foundation
import VMM

/// Times the VMM's own work against the host's in the same run: a 1 MB vm_galloc+vm_gfree
/// never touched against an untouched mmap+munmap, and the first touch of a galloc page (a
/// SIGSEGV resolved by the VMM: zero-fill, protection change, R and C bookkeeping) against the
/// first touch of a fresh host page (the host kernel's own page fault).
public enum GallocBenchmark {
    public struct Result: Codable, Sendable {
        public let pairs: Int
        public let touchedPages: Int
        public let gallocPairNanoseconds: Double
        public let mmapPairNanoseconds: Double
        public var pairRatio: Double { gallocPairNanoseconds / mmapPairNanoseconds }
        public let gallocFirstTouchNanoseconds: Double
        public let hostFirstTouchNanoseconds: Double
        public var firstTouchRatio: Double { gallocFirstTouchNanoseconds / hostFirstTouchNanoseconds }
    }

    public enum Failure: Error, CustomStringConvertible {
        case cannotReserveHeap
        case gallocFailed(AIXErrno)
        public var description: String {
            switch self {
            case .cannotReserveHeap: "the galloc heap for the benchmark could not be reserved"
            case .gallocFailed(let e): "vm_galloc failed in the benchmark: \(e.name)"
            }
        }
    }

    public static func run(pairs: Int = 2_000, touchedPages: Int = 4_096, repetitions: Int = 3) throws -> Result {
        let bytes: Int64 = 1 << 20
        func best(_ n: Int, _ body: () throws -> Void) rethrows -> Double {
            var best = Double.infinity
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                try body()
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(n))
            }
            return best
        }
        guard let vmm = VirtualMemoryManager(bytes: 1 << 30, pagingSpaceBytes: 1 << 30) else {
            throw Failure.cannotReserveHeap
        }
        let owner = RegionOwner(rawValue: 0)
        let galloc = try best(pairs) {
            for _ in 0..<pairs {
                guard case .success(let region) = vmm.allocate(flags: .working, size: bytes, owner: owner) else {
                    throw Failure.gallocFailed(.noMemory)
                }
                _ = vmm.free(start: region.start, size: bytes)
            }
        }
        let mmap = best(pairs) { _ = aixsim_bench_mmap_untouched_pairs(pairs, Int(bytes)) }
        let touch = try best(touchedPages) {
            let size = Int64(touchedPages) * 4096
            guard case .success(let region) = vmm.allocate(flags: .working, size: size, owner: owner) else {
                throw Failure.gallocFailed(.noMemory)
            }
            let base = vmm.map.hostPointer(from: region.start)!
            for page in 0..<touchedPages {
                base.storeBytes(of: UInt8(truncatingIfNeeded: page), toByteOffset: page << 12, as: UInt8.self)
            }
            vmm.drainPageEvents()
            _ = vmm.free(start: region.start, size: size)
        }
        let hostTouch = best(touchedPages) { _ = aixsim_bench_first_touch(touchedPages) }
        return Result(pairs: pairs, touchedPages: touchedPages, gallocPairNanoseconds: galloc,
                      mmapPairNanoseconds: mmap, gallocFirstTouchNanoseconds: touch,
                      hostFirstTouchNanoseconds: hostTouch)
    }
}
