import VMM

/// The raw arguments of one kernel-service call: up to six register-sized values, decoded by
/// the loader from the kext's call and read here by type.
public struct ServiceArguments: Sendable {
    public static let capacity = 6
    private var slots: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    public private(set) var count = 0

    public init() {}

    public init(_ values: [UInt64]) {
        for v in values { append(v) }
    }

    /// The first `count` of the register-sized values at `slots`.
    @inline(__always)
    public init(_ slots: UnsafePointer<UInt64>, count: Int) {
        precondition(count <= Self.capacity, "kernel services take at most six arguments")
        // Six loads, not a copy into this value's bytes: a pointer to a local makes the compiler
        // guard the whole call path's frame with a stack protector.
        self.slots = (slots[0], slots[1], slots[2], slots[3], slots[4], slots[5])
        self.count = count
    }

    public mutating func append(_ value: UInt64) {
        precondition(count < Self.capacity, "kernel services take at most six arguments")
        withUnsafeMutableBytes(of: &slots) { $0.storeBytes(of: value, toByteOffset: count * 8, as: UInt64.self) }
        count += 1
    }

    public subscript(i: Int) -> UInt64 {
        precondition(i >= 0 && i < count, "argument \(i) of a \(count)-argument call")
        // A switch, not a load through the tuple's bytes: that would copy all six slots first.
        switch i {
        case 0: return slots.0
        case 1: return slots.1
        case 2: return slots.2
        case 3: return slots.3
        case 4: return slots.4
        default: return slots.5
        }
    }

    public func int(_ i: Int) -> Int32 { Int32(truncatingIfNeeded: self[i]) }
    public func long(_ i: Int) -> Int64 { Int64(bitPattern: self[i]) }
    public func unsignedLong(_ i: Int) -> UInt64 { self[i] }
    public func pointer(_ i: Int) -> UInt { UInt(self[i]) }
}

/// What a service hands back to the kext, and whether the kext's call must be abandoned
/// because the simulated system has crashed.
public struct ServiceReturn: Sendable {
    /// What happens to the kext's call once the service returns.
    public enum Action: Int32, Sendable {
        /// The call returns `value` to the kext.
        case `return` = 0
        /// The system crashed: the kext's call is abandoned.
        case abandon = 1
        /// longjmpx: the kext resumes at its most recent setjmpx instead of returning.
        case resumeContext = 2
    }

    public var value: Int64
    public var action: Action

    public var abandon: Bool { action == .abandon }

    public static func value(_ v: Int64) -> ServiceReturn { ServiceReturn(value: v, action: .return) }
    public static func errno(_ e: AIXErrno) -> ServiceReturn { .value(Int64(e.rawValue)) }
    // Computed, not stored: a stored static is a lazily initialised global behind an accessor.
    public static var crashed: ServiceReturn { ServiceReturn(value: 0, action: .abandon) }
    public static var resume: ServiceReturn { ServiceReturn(value: 0, action: .resumeContext) }
}

/// A loaded kext as the kernel knows it.
public struct KextID: RawRepresentable, Hashable, Sendable, Comparable {
    public var rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: KextID, b: KextID) -> Bool { a.rawValue < b.rawValue }
}
