/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny, seedable, deterministic PRNG.
///
/// The debug techniques sample allocations with it, so a run repeated with the same seed makes
/// the same choices; a failure seen once can be replayed. It is not for anything secret.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `per1024` / 1024. Draws nothing at the extremes, so a technique
    /// that is always or never on does not disturb the sequence seen by the others.
    public mutating func chance(per1024: Int) -> Bool {
        if per1024 <= 0 { return false }
        if per1024 >= 1024 { return true }
        return Int(next() & 1023) < per1024
    }
}
