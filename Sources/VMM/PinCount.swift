/// The pin counts of one page.
public struct PinCount: Hashable, Sendable {
    public var shortTerm: UInt32 = 0
    public var longTerm: UInt32 = 0
    public var isPinned: Bool { shortTerm > 0 || longTerm > 0 }

    subscript(kind: PinKind) -> UInt32 {
        get { kind == .shortTerm ? shortTerm : longTerm }
        set { if kind == .shortTerm { shortTerm = newValue } else { longTerm = newValue } }
    }
}
