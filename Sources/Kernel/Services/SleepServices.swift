import ExecutionEnvironment
import VMM

/// `<sys/sleep.h>`: e_sleep and e_wakeup on event words, and the thread-sleep services
/// (e_sleep_thread, e_assert_wait, e_block_thread, e_wakeup_one, e_wakeup_w_result).
extension Kernel {
    static let sleepServices = ServiceTable(header: "sys/sleep.h", definitions: [
        "e_sleep": .init(implementation: { $0.eSleep($1) }, arguments: { $0.eventWordArguments($1) }),
        "e_wakeup": .init(implementation: { $0.eWakeup($1) }, arguments: { $0.eventWordArguments($1) }),
        "e_sleep_thread": .init(implementation: { $0.eSleepThread($1) }, arguments: { k, a in
            [k.dataArgument("event_word", a.pointer(0)),
             k.dataArgument("lockp", a.pointer(1)),
             CallArgument(name: "flags", value: AIXFlagNames.sleepThreadFlags.bits(a.long(2)))]
        }),
        "e_wakeup_one": .init(implementation: { $0.eWakeupOne($1) }, arguments: { $0.eventWordArguments($1) }),
        "e_wakeup_w_result": .init(implementation: { $0.eWakeupWithResult($1) }, arguments: { k, a in
            [k.dataArgument("event_word", a.pointer(0)),
             CallArgument(name: "result", value: AIXFlagNames.threadResult(Int64(a.int(1))))]
        }),
        "e_assert_wait": .init(implementation: { $0.eAssertWait($1) }, arguments: { k, a in
            [k.dataArgument("event_word", a.pointer(0)),
             CallArgument(name: "interruptible", value: AIXFlagNames.boolean(Int64(a.int(1))))]
        }),
        "e_block_thread": .init(implementation: { $0.eBlockThread($1) }, arguments: { _, _ in [] }),
    ])

    // AIX 5.3 <sys/sleep.h> (bos53H); /work/shared/reference/aix-kernel-services.md.
    static let EVENT_SUCC: Int64 = 1
    static let EVENT_NULL = UInt(bitPattern: -1)
    static let THREAD_AWAKENED: Int64 = 1

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
        record(call, result: Self.EVENT_SUCC, detail: "sleeping on \(describeData(word)) at \(now)",
               resultText: "EVENT_SUCC")
        guard anchorSleeper(in: word, call) else { return .crashed }
        let outer = sleepQueue.assertWait(on: word)
        defer { sleepQueue.endWait(restoring: outer) }
        return block(on: word, call).map { _ in .value(Self.EVENT_SUCC) } ?? .crashed
    }

    /// `int e_sleep_thread(tid_t *event_word, void *lockp, flags_t flags)`: sleeps as e_sleep
    /// does and returns the wakeup's result (THREAD_AWAKENED, or what e_wakeup_w_result
    /// passed). The lock it would release and retake is not modelled here.
    func eSleepThread(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        record(call, result: Self.THREAD_AWAKENED, detail: "sleeping on \(describeData(word)) at \(now)",
               resultText: "THREAD_AWAKENED")
        let sequence = totalCalls
        guard anchorSleeper(in: word, call) else { return .crashed }
        let outer = sleepQueue.assertWait(on: word)
        defer { sleepQueue.endWait(restoring: outer) }
        return block(on: word, call).map { .value(settleSleep(sequence, $0)) } ?? .crashed
    }

    /// `void e_assert_wait(tid_t *event_word, boolean_t interruptible)`: puts the thread on the
    /// word's list without sleeping yet, so a wakeup before e_block_thread is not lost.
    func eAssertWait(_ call: ServiceCall) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        guard anchorSleeper(in: word, call) else { return .crashed }
        _ = sleepQueue.assertWait(on: word)
        record(call, result: 0, detail: "the thread waits on \(describeData(word)) from now on")
        return .value(0)
    }

    /// `int e_block_thread(void)`: sleeps until the wait e_assert_wait registered is posted
    /// (at once if it already was); THREAD_AWAKENED if no wait was registered.
    func eBlockThread(_ call: ServiceCall) -> ServiceReturn {
        guard let word = sleepQueue.waitingOn else {
            record(call, result: Self.THREAD_AWAKENED, detail: "no wait asserted: returns at once",
                   resultText: "THREAD_AWAKENED")
            return .value(Self.THREAD_AWAKENED)
        }
        record(call, result: Self.THREAD_AWAKENED, detail: "blocking on \(describeData(word)) at \(now)",
               resultText: "THREAD_AWAKENED")
        let sequence = totalCalls
        defer { sleepQueue.endWait(restoring: nil) }
        return block(on: word, call).map { .value(settleSleep(sequence, $0)) } ?? .crashed
    }

    /// The trace shows a sleep before it blocks; once woken, the call shows what it returned
    /// (e_wakeup_w_result may have passed THREAD_TIMED_OUT or a value of the kext's own).
    private func settleSleep(_ sequence: Int, _ result: Int64) -> Int64 {
        dispatcher.settle(sequence, result: result, resultText: AIXFlagNames.threadResult(result))
        return result
    }

    /// Runs simulated time until `word` is posted; the result posted, or nil if the system
    /// crashed (including a sleep nothing left could end).
    private func block(on word: UInt, _ call: ServiceCall) -> Int64? {
        while sleepQueue.result(for: word) == nil {
            guard crash == nil else { return nil }
            guard let event = clock.advanceToNext() else {
                recordCrash(Crash(
                    kind: .watchdog, ea: nil, access: nil, dsisr: nil,
                    message: "\(call.export.name) on \(describeData(word)) can never end: nothing left to run will call e_wakeup",
                    explanation: "The thread went to sleep waiting for an event, but no timer, timeout or "
                        + "scheduled interrupt remains that could post it. On AIX the thread (here, the "
                        + "configuration method that loaded the kext) would hang forever. A common cause is "
                        + "an e_wakeup that ran before the e_sleep: a wakeup with no sleeper is not remembered "
                        + "(e_assert_wait before the test that decides to sleep closes that window).",
                    kext: name(of: call.kext), location: callingFunction()))
                return nil
            }
            deliver(event)
        }
        let result = sleepQueue.consume(word)
        note("the thread sleeping on \(describeData(word)) wakes up")
        return crash == nil ? result : nil
    }

    /// AIX anchors the list of sleepers in the event word itself, so while a thread sleeps the
    /// word is not EVENT_NULL (the common `if (ev != EVENT_NULL) e_wakeup(&ev)` relies on it).
    /// aixsim's one thread stores its thread id there.
    private func anchorSleeper(in word: UInt, _ call: ServiceCall) -> Bool {
        if case .failure(let fault) = KextMemory.storeWord(UInt(Self.configuringThreadID), at: word) {
            _ = crashed(call, fault, detail: "crashed writing the event word", what: "adding the thread to the event word's list")
            return false
        }
        return true
    }

    /// `void e_wakeup(tid_t *event_word)`: wakes the threads sleeping on the word and sets it to
    /// EVENT_NULL.
    func eWakeup(_ call: ServiceCall) -> ServiceReturn {
        wake(call, result: Self.THREAD_AWAKENED)
    }

    /// `void e_wakeup_one(tid_t *event_word)`: wakes the most favoured sleeper; with aixsim's one
    /// thread, that empties the list.
    func eWakeupOne(_ call: ServiceCall) -> ServiceReturn {
        wake(call, result: Self.THREAD_AWAKENED)
    }

    /// `void e_wakeup_w_result(tid_t *event_word, int result)`: wakes the sleepers, whose
    /// e_sleep_thread or e_block_thread returns `result`.
    func eWakeupWithResult(_ call: ServiceCall) -> ServiceReturn {
        wake(call, result: Int64(call.arguments.int(1)))
    }

    private func wake(_ call: ServiceCall, result: Int64) -> ServiceReturn {
        let word = call.arguments.pointer(0)
        if case .failure(let fault) = KextMemory.storeWord(Self.EVENT_NULL, at: word) {
            return crashed(call, fault, detail: "crashed writing the event word",
                           what: "setting the event word to EVENT_NULL")
        }
        let sleeper = sleepQueue.wakeup(word, result: result)
        record(call, result: 0, detail: sleeper ? "wakes the sleeping thread" : "no thread sleeps on it; the wakeup is lost")
        return .value(0)
    }

    func eventWordArguments(_ a: ServiceArguments) -> [CallArgument] {
        var out = [dataArgument("event_word", a.pointer(0))]
        if a.count > 1 { out.append(CallArgument(name: "flags", value: AIXFlagNames.sleepFlags.bits(Int64(a.int(1))))) }
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
