/// `<sys/lockl.h>`: conventional locks. The lock word holds LOCK_AVAIL or the owner's tid;
/// the owner may take it again (LOCK_NEST) and one unlockl releases it whatever the nesting.
extension Kernel {
    static let locklServices = ServiceTable(header: "sys/lockl.h", definitions: [
        "lockl": .init(implementation: { $0.lockl($1) }, arguments: { $0.lockWordArguments($1) }),
        "unlockl": .init(implementation: { $0.unlockl($1) }, arguments: { $0.lockWordArguments($1) }),
    ])

    static let LOCK_AVAIL: Int32 = -1
    static let LOCK_NDELAY: Int32 = 1
    static let LOCK_SUCC: Int64 = 0
    static let LOCK_NEST: Int64 = 1
    static let LOCK_FAIL: Int64 = -1

    /// `int lockl(lock_t *lock_word, int flags)`
    func lockl(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        let ndelay = call.arguments.int(1) & Self.LOCK_NDELAY != 0
        let value: Int32
        switch KextMemory.read(Int32.self, at: word) {
        case .success(let v): value = v
        case .failure(let fault): return crashed(call, fault, detail: "crashed reading the lock word", what: "reading the lock word")
        }
        if locks.holders(of: word).contains(where: { $0.context == .thread }) {
            record(call, result: Self.LOCK_NEST, detail: "already held by this thread", resultText: "LOCK_NEST")
            return .value(Self.LOCK_NEST)
        }
        guard value == Self.LOCK_AVAIL else {
            record(call, result: Self.LOCK_FAIL, detail: "the word holds \(value): owned by a thread that does not exist",
                   resultText: "LOCK_FAIL")
            let problem = LockProblem.conventionalWordNotAvailable(lock: word, value: value, site: callingFunction(), ndelay: ndelay)
            if ndelay {
                accounting.findings.append(lockFinding(.uninitialised(lockAcquisition(word, .conventional, service: "lockl"),
                                                                      missing: "LOCK_AVAIL"), kext: name(of: call.kext)))
                return .value(Self.LOCK_FAIL)
            }
            apply([problem], call)
            return .crashed
        }
        if case .failure(let fault) = KextMemory.write(Int32(truncatingIfNeeded: Self.configuringThreadID), to: word) {
            return crashed(call, fault, detail: "crashed writing the lock word", what: "taking the lock")
        }
        record(call, result: Self.LOCK_SUCC, detail: "taken", resultText: "LOCK_SUCC")
        return takeLock(lockAcquisition(word, .conventional, service: "lockl"), call) ? .value(Self.LOCK_SUCC) : .crashed
    }

    /// `void unlockl(lock_t *lock_word)`
    func unlockl(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        record(call, result: 0)
        return releaseConventional(word, call) ? .value(0) : .crashed
    }

    /// Gives a lockl lock back and sets its word to LOCK_AVAIL. False: crashed.
    func releaseConventional(_ word: UInt, _ call: ServiceCall) -> Bool {
        guard releaseLock(word, .conventional, call) != nil else { return false }
        if case .failure(let fault) = KextMemory.write(Self.LOCK_AVAIL, to: word) {
            _ = crashed(call, fault, detail: "crashed writing the lock word", what: "releasing the lock")
            return false
        }
        return true
    }

    func lockWordArguments(_ a: ServiceArguments) -> [CallArgument] {
        var out = [dataArgument("lock_word", a.pointer(0))]
        if a.count > 1 { out.append(CallArgument(name: "flags", value: AIXFlagNames.locklFlags.bits(Int64(a.int(1))))) }
        return out
    }
}
