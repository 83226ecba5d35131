/// The named debug levels of AIX's xmalloc debug (`errcheckminimal`, `errchecknormal`,
/// `errcheckdetail`, `errcheckmaximal`): each level applies more techniques to more
/// allocations. What each level means here is the table in `XmallocDebugConfiguration`.
public enum XmallocDebugLevel: String, CaseIterable, Hashable, Sendable, Codable {
    case minimal
    case normal
    case detail
    case maximal
}
