/// Which pin service a stress operation uses: `pin`/`unpin` or `ltpin`/`ltunpin`.
public enum StressPinKind: String, Hashable, Sendable, Codable {
    case shortTerm
    case longTerm
}
