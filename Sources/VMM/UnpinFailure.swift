import PowerArch

/// Why an unpin stopped.
public enum UnpinFailure: Error, Equatable, Sendable {
    /// Bad length or a page outside any allocation: nothing was unpinned.
    case invalidRange
    /// The page at this address was not pinned: the pages before it were unpinned, the rest
    /// stay as they were (AIX's unpin behaves the same way).
    case notPinned(EffectiveAddress)
}
