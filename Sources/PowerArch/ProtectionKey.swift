/// The one-bit segment key (Ks or Kp) that selects a column of the PP table.
///
/// Not to be confused with the five-bit storage key (class) of a PTE, which the AMR checks.
public enum ProtectionKey: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Key 0: AIX runs the kernel with it (Ks = 0).
    case key0 = 0
    /// Key 1: AIX runs user code with it (Kp = 1).
    case key1 = 1

    public var description: String { "key \(rawValue)" }
}
