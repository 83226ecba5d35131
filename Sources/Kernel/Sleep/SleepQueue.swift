/// The event words of the sleep services: the word the configuring thread waits on (asserted
/// with e_assert_wait, or by e_sleep and e_sleep_thread), and the result a wakeup posted for it.
/// A wakeup with no waiter is not remembered, as on AIX; one that comes between e_assert_wait
/// and e_block_thread is, which is what e_assert_wait is for.
struct SleepQueue {
    private(set) var waitingOn: UInt?
    private var posted: [UInt: Int64] = [:]

    /// Starts waiting on `word`; returns the word waited on before (sleeps nest through
    /// handlers run while sleeping), to hand back to `endWait`.
    mutating func assertWait(on word: UInt) -> UInt? {
        defer { waitingOn = word }
        return waitingOn
    }

    mutating func endWait(restoring outer: UInt?) { waitingOn = outer }

    /// Posts `result` to `word` if a thread waits on it; whether one did.
    mutating func wakeup(_ word: UInt, result: Int64) -> Bool {
        guard waitingOn == word, posted[word] == nil else { return false }
        posted[word] = result
        return true
    }

    func result(for word: UInt) -> Int64? { posted[word] }

    /// The result posted to `word`, taken.
    mutating func consume(_ word: UInt) -> Int64? { posted.removeValue(forKey: word) }
}
