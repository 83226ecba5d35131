import ExecutionEnvironment
import VMM

/// `<sys/sleep.h>`: e_sleep and e_wakeup on event words.
extension Kernel {
    static let sleepServices = ServiceTable(header: "sys/sleep.h", definitions: [
        "e_sleep": .init(implementation: { $0.eSleep($1) }, arguments: { $0.eventWordArguments($1) }),
        "e_wakeup": .init(implementation: { $0.eWakeup($1) }, arguments: { $0.eventWordArguments($1) }),
    ])

    static let EVENT_SUCC: Int64 = 1

    // MARK: - e_sleep / e_wakeup

    /// `int e_sleep(tid_t *event_word, int flags)`: the thread sleeps until e_wakeup posts the
    /// word. While it sleeps, simulated time runs: timers, timeouts and scheduled interrupts
    /// fire. If nothing is left that could wake it, it would sleep forever: reported.
    func eSleep(_ call: ServiceCall) -> ServiceReturn {
        guard maySleepHoldingLocks(call) else { return .crashed }
        let word = call.arguments.pointer(0)
        // With interrupts disabled AIX allows e_sleep only on a pinned event word: the wakeup
        // comes from interrupt level, which may not fault it in.
        if cpu.priority != .INTBASE, !isPinnedKernelWord(word) {
            let v = EnvironmentViolation(service: "e_sleep", allowed: call.export.environments, state: cpu.current,
                                         source: cpu.source, kind: .interruptsDisabled)
            record(call, result: 0, detail: "refused: the event word is not pinned")
            var crash = environmentViolation(v, kext: call.kext)
            crash = Crash(kind: crash.kind, ea: nil, access: nil, dsisr: nil,
                          message: "e_sleep with interrupts disabled (\(cpu.priority.name)) on an event word that is not pinned",
                          explanation: "AIX lets a thread sleep with interrupts disabled only if its event word is "
                              + "pinned: the e_wakeup that ends the sleep runs at interrupt level, where touching "
                              + "pageable memory is a fault AIX cannot service. Put the word in pinned memory "
                              + "(pin it, or use the kext's own data after pincode).",
                          kext: crash.kext, location: crash.location)
            recordCrash(crash)
            return .crashed
        }
        record(call, result: Self.EVENT_SUCC, detail: "sleeping on \(describePointer(word)) at \(now)")
        let outer = sleepQueue.sleep(on: word)
        defer { sleepQueue.endSleep(restoring: outer) }
        while !sleepQueue.isPosted(word) {
            guard crash == nil else { return .crashed }
            guard let event = clock.advanceToNext() else {
                recordCrash(Crash(
                    kind: .watchdog, ea: nil, access: nil, dsisr: nil,
                    message: "e_sleep on \(describePointer(word)) can never end: nothing left to run will call e_wakeup",
                    explanation: "The thread went to sleep waiting for an event, but no timer, timeout or "
                        + "scheduled interrupt remains that could post it. On AIX the thread (here, the "
                        + "configuration method that loaded the kext) would hang forever. A common cause is "
                        + "an e_wakeup that ran before the e_sleep: a wakeup with no sleeper is not remembered.",
                    kext: name(of: call.kext), location: callingFunction()))
                return .crashed
            }
            deliver(event)
        }
        sleepQueue.consume(word)
        note("the thread sleeping on \(describePointer(word)) wakes up")
        return crash == nil ? .value(Self.EVENT_SUCC) : .crashed
    }

    /// `void e_wakeup(tid_t *event_word)`: wakes the threads sleeping on the word and sets it to
    /// EVENT_NULL.
    func eWakeup(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        if case .failure(let fault) = KextMemory.storeWord(UInt(bitPattern: -1), at: word) {
            return crashed(call, fault, detail: "crashed writing the event word",
                           what: "setting the event word to EVENT_NULL")
        }
        let sleeper = sleepQueue.wakeup(word)
        record(call, result: 0, detail: sleeper ? "wakes the sleeping thread" : "no thread sleeps on it; the wakeup is lost")
        return .value(0)
    }

    func eventWordArguments(_ a: ServiceArguments) -> [CallArgument] {
        var out = [CallArgument(name: "event_word", value: describePointer(a.pointer(0)))]
        if a.count > 1 { out.append(CallArgument(name: "flags", value: String(a.int(1)))) }
        return out
    }

    /// Whether a kext's pointer names pinned kernel memory: pinned global memory, or the kext's
    /// own data after pincode.
    func isPinnedKernelWord(_ address: UInt) -> Bool {
        if let ea = vmm.map.effectiveAddress(ofKextPointer: address) { return vmm.isPinned(ea, length: 8) }
        if let kext = runtime?.kext(containing: address) { return codeIsPinned(kext) }
        return false
    }
}
