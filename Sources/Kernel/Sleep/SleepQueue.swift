/// The event words of e_sleep and e_wakeup: the word the configuring thread sleeps on, and the
/// words a wakeup has posted for it. A wakeup with no sleeper is not remembered, as on AIX.
struct SleepQueue {
    private(set) var sleepingOn: UInt?
    private var postedWords: Set<UInt> = []

    /// Starts sleeping on `word`; returns the word slept on before (sleeps nest through
    /// handlers run while sleeping), to hand back to `endSleep`.
    mutating func sleep(on word: UInt) -> UInt? {
        defer { sleepingOn = word }
        return sleepingOn
    }

    mutating func endSleep(restoring outer: UInt?) { sleepingOn = outer }

    /// Posts `word` if a thread sleeps on it; whether one did.
    mutating func wakeup(_ word: UInt) -> Bool {
        guard sleepingOn == word else { return false }
        postedWords.insert(word)
        return true
    }

    func isPosted(_ word: UInt) -> Bool { postedWords.contains(word) }

    mutating func consume(_ word: UInt) { postedWords.remove(word) }
}
