/// Which pin count a pin or unpin works on. AIX keeps two per page: the short-term count of
/// `pin`/`unpin` and the long-term count of `ltpin`/`ltunpin`; a page stays resident while
/// either is non-zero.
public enum PinKind: Sendable {
    case shortTerm
    case longTerm
}
