import CFaultGuard
#if canImport(Glibc)
import Glibc
#endif

/// Calls every exported service with random and boundary arguments through `Kernel.call`, the
/// dispatch kexts reach through their table, at process level and at interrupt level. A
/// service that validates its arguments answers with an AIX error or a simulated crash; one
/// that does not traps, and takes the fuzzing process with it, which is what this is for.
public final class ServiceFuzzer {
    public struct Summary: Sendable {
        public var calls = 0
        public var interruptLevelCalls = 0
        /// Simulated crashes the calls caused (each one replaced the kernel with a fresh one).
        public var simulatedCrashes = 0
        public var callsByService: [String: Int] = [:]
    }

    /// The next service and arguments, reported before each call so a death can be replayed.
    public var willCall: ((String, [UInt64]) -> Void)?

    private var random: SplitMix
    private var kernel: Kernel
    private var kext: KextID
    /// Memory the pointer arguments may point at: readable, writable, ours to lose.
    private let scratch: UnsafeMutableRawPointer
    private static let scratchBytes = 4 * 4096
    private let configuration: Kernel.Configuration

    public init(seed: UInt64, configuration: Kernel.Configuration = .init(gallocHeapBytes: 64 << 20, traceLimit: 64)) throws(Kernel.SetupError) {
        // The services read kext memory under the guard, which a kext run installs first.
        guard aixsim_guard_install() == 0 else { fatalError("aixsim fuzz: cannot install the fault guard") }
        random = SplitMix(state: seed)
        self.configuration = configuration
        kernel = try Kernel(configuration: configuration)
        kext = kernel.registerKext(named: "fuzz")
        // Apart from aixsim's heap, between inaccessible pages: a service that runs off the end
        // of a structure it was handed faults (a report) instead of corrupting malloc's memory.
        let mapping = mmap(nil, Self.scratchBytes + 2 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapping, mapping != MAP_FAILED else { fatalError("aixsim fuzz: cannot map its scratch memory") }
        scratch = mapping + 4096
        mprotect(scratch, Self.scratchBytes, PROT_READ | PROT_WRITE)
    }

    deinit {
        munmap(scratch - 4096, Self.scratchBytes + 2 * 4096)
    }

    /// Makes `count` calls; exports named in `skipping` are left out.
    public func run(calls count: Int, skipping: Set<String> = []) throws(Kernel.SetupError) -> Summary {
        var summary = Summary()
        let exports = ExportList.all.filter { !skipping.contains($0.name) }
        for _ in 0..<count {
            let export = exports[Int(random.next() % UInt64(exports.count))]
            let values = export.parameterTypes.map { argument(for: $0) }
            refillScratch()
            willCall?(export.name, values)
            let atInterrupt = random.next() % 4 == 0
            if atInterrupt {
                kernel.cpu.enterInterrupt(.device(level: 3, handler: "fuzz"), at: .INTCLASS1)
                summary.interruptLevelCalls += 1
            }
            _ = kernel.call(export.index, from: kext, ServiceArguments(values))
            kernel.absorbDeliveries()
            while kernel.cpu.environment == .interrupt, kernel.cpu.leaveInterrupt() != nil {}
            summary.calls += 1
            summary.callsByService[export.name, default: 0] += 1
            if kernel.crash != nil {
                summary.simulatedCrashes += 1
                kernel = try Kernel(configuration: configuration)
                kext = kernel.registerKext(named: "fuzz")
            }
        }
        return summary
    }

    /// Boundary values first, then random ones.
    private func argument(for type: ServiceCType) -> UInt64 {
        let pick = random.next()
        let base = UInt64(UInt(bitPattern: scratch))
        switch type {
        case .pointer, .string, .vaList:
            let choices: [UInt64] = [
                0, 1, base, base + 8, base + 4096 - 1, base + 3, base + UInt64(Self.scratchBytes) - 8,
                0xF100_0000_0000_0000, 0xF100_0000_4000_0000, UInt64.max, 0x8000_0000_0000_0000,
                UInt64(kernel.vmm.map.hostStart.rawValue),
            ]
            return choices[Int(pick % UInt64(choices.count))]
        case .int, .short, .long, .unsignedLong, .void:
            let choices: [UInt64] = [
                0, 1, UInt64.max, UInt64(Int32.max), UInt64(bitPattern: Int64(Int32.min)),
                UInt64(Int64.max), UInt64(bitPattern: Int64.min), 4096, 4095, 1 << 40,
                random.next(), random.next() % 64, UInt64(bitPattern: -4096),
            ]
            return choices[Int(pick % UInt64(choices.count))]
        }
    }

    /// Random bytes with NULs and format directives sprinkled in, so strings end somewhere and
    /// printf sees conversions.
    private func refillScratch() {
        let words = scratch.bindMemory(to: UInt64.self, capacity: Self.scratchBytes / 8)
        let pattern = random.next() % 4
        let base = UInt64(UInt(bitPattern: scratch))
        // Structure fields (a uio's offset and residue, an iovec's length, a timestruc's
        // seconds) at their limits, and pointers back into the scratch memory.
        let fields: [UInt64] = [
            0, 1, UInt64.max, UInt64(Int64.max), UInt64(Int64.max) - 1, UInt64(bitPattern: Int64.min),
            UInt64(Int32.max), UInt64(UInt32.max), 4096, base, base + 64, base + 4096,
        ]
        for i in 0..<(Self.scratchBytes / 8) {
            switch pattern {
            case 0: words[i] = 0
            case 1: words[i] = random.next()
            case 2: words[i] = fields[Int(random.next() % UInt64(fields.count))]
            default: words[i] = 0x0073_2564_2578_2570   // "%p%x%d%s\0" fragments
            }
        }
        scratch.storeBytes(of: 0, toByteOffset: Self.scratchBytes - 1, as: UInt8.self)
    }
}

/// A small, fast generator whose sequence a seed fixes, so a run can be replayed.
struct SplitMix {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
