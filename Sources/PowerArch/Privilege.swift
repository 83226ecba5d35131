/// The processor's privilege state, MSR[PR].
///
/// It decides which segment key (Ks or Kp) the protection check uses, and tags cached translations.
public enum Privilege: UInt8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Supervisor (kernel) state: MSR[PR] = 0; the segment's Ks key applies.
    case supervisor = 0
    /// Problem (user) state: MSR[PR] = 1; the segment's Kp key applies.
    case problem = 1

    public var description: String {
        switch self {
        case .supervisor: "supervisor"
        case .problem: "problem"
        }
    }
}
