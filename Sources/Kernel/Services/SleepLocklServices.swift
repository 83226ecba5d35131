/// `<sys/sleep.h>`, e_sleepl: e_sleep that releases a lockl lock while it sleeps. Kept apart
/// from SleepServices.swift (same header) because it belongs with the locks it releases.
extension Kernel {
    static let sleepLocklServices = ServiceTable(header: "sys/sleep.h", definitions: [
        "e_sleepl": .init(implementation: { $0.eSleepl($1) }, arguments: { $0.sleeplArguments($1) }),
    ])

    /// `int e_sleepl(int *lock_word, tid_t *event_word, int flags)`: unlockl, e_sleep, lockl.
    func eSleepl(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        record(call, result: Self.EVENT_SUCC, detail: "releases the lock while it sleeps", resultText: "EVENT_SUCC")
        guard releaseConventional(word, call), let sleep = ExportList.byName["e_sleep"] else { return .crashed }
        let slept = eSleep(ServiceCall(index: sleep.index, kext: call.kext,
                                       arguments: ServiceArguments([call.arguments[1], call.arguments[2]])))
        guard !slept.abandon else { return slept }
        if case .failure(let fault) = KextMemory.write(Int32(truncatingIfNeeded: Self.configuringThreadID), to: word) {
            return crashed(call, fault, detail: "crashed writing the lock word", what: "taking the lock back")
        }
        return takeLock(lockAcquisition(word, .conventional, service: "e_sleepl"), call) ? slept : .crashed
    }

    func sleeplArguments(_ a: ServiceArguments) -> [CallArgument] {
        [dataArgument("lock_word", a.pointer(0)),
         dataArgument("event_word", a.pointer(1)),
         CallArgument(name: "flags", value: AIXFlagNames.sleepFlags.bits(Int64(a.int(2))))]
    }
}
