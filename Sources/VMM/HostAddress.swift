/// An address in aixsim's own (host) address space: where the bytes behind a simulated
/// address really are, and what kext code, running natively, dereferences.
///
/// Kept apart from `EffectiveAddress` so the two cannot be mixed up; `AddressMap` is the one
/// place that converts between them.
public struct HostAddress: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: UInt

    public init(rawValue: UInt) { self.rawValue = rawValue }

    public init(_ pointer: UnsafeRawPointer) { rawValue = UInt(bitPattern: pointer) }

    public var pointer: UnsafeMutableRawPointer? { UnsafeMutableRawPointer(bitPattern: rawValue) }

    public func advanced(by bytes: UInt64) -> HostAddress { HostAddress(rawValue: rawValue + UInt(bytes)) }

    public static func < (a: HostAddress, b: HostAddress) -> Bool { a.rawValue < b.rawValue }

    public var description: String { "host 0x" + String(rawValue, radix: 16) }
}
