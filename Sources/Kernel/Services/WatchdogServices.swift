import AIXSimKernelABI
import ExecutionEnvironment

/// `<sys/watchdog.h>`: watchdog timers. The kernel decrements a started watchdog's count once a
/// second and calls its function, in the interrupt environment at INTTIMER, when the count
/// reaches 0 (IBM's w_start page); w_stop and w_clear end that. aixsim ticks each started
/// watchdog once a second of simulated time from its w_start, so `restart` seconds later.
extension Kernel {
    static let watchdogServices = ServiceTable(header: "sys/watchdog.h", definitions: [
        "w_init": .init(implementation: { $0.wInit($1) }, arguments: { $0.watchdogArguments($1) }),
        "w_start": .init(implementation: { $0.wStart($1) }, arguments: { $0.watchdogArguments($1) }),
        "w_stop": .init(implementation: { $0.wStop($1) }, arguments: { $0.watchdogArguments($1) }),
        "w_clear": .init(implementation: { $0.wClear($1) }, arguments: { $0.watchdogArguments($1) }),
    ])

    /// `int w_init(struct watchdog *w)`: registers the watchdog, stopped; 0 (IBM: always succeeds).
    func wInit(_ call: ServiceCall) -> ServiceReturn {
        let w = call.arguments.pointer(0)
        if clock.watchdogs[w] != nil {
            return watchdogMisuse(call, "w_init of a watchdog already registered",
                                  "w_init links the structure into the kernel's watchdog list; linking it a second "
                                  + "time makes the list loop or lose entries. Call w_clear before registering it again.")
        }
        guard isPinnedKernelWord(w) else { return unpinnedWatchdog(call) }
        guard writeCount(w, 0, call) else { return .crashed }
        clock.watchdogs[w] = call.kext
        record(call, result: 0, detail: "registered, stopped")
        return .value(0)
    }

    /// `void w_start(struct watchdog *w)`: count = restart; a watchdog already started starts over.
    func wStart(_ call: ServiceCall) -> ServiceReturn {
        let w = call.arguments.pointer(0)
        guard clock.watchdogs[w] != nil else { return unregisteredWatchdog(call) }
        guard isPinnedKernelWord(w) else { return unpinnedWatchdog(call) }
        let restart: UInt
        switch KextMemory.read(UInt.self, at: w + UInt(MemoryLayout<watchdog>.offset(of: \.restart)!)) {
        case .success(let value): restart = value
        case .failure(let fault): return crashed(call, fault, detail: "crashed: w unreadable", what: "the watchdog structure")
        }
        guard writeCount(w, restart, call) else { return .crashed }
        clock.cancelWatchdogTick(w)
        if restart > 0 { clock.schedule(.watchdogTick(watchdog: w), at: now + Self.watchdogSecond) }
        record(call, result: 0, detail: restart > 0 ? "handler due at \(now + SimulatedTime(rawValue: Self.watchdogSecond.rawValue &* UInt64(restart))) unless stopped"
                                                       : "restart is 0: the watchdog stays stopped")
        return .value(0)
    }

    /// `void w_stop(struct watchdog *w)`: count = 0, which the kernel ignores.
    func wStop(_ call: ServiceCall) -> ServiceReturn {
        let w = call.arguments.pointer(0)
        guard clock.watchdogs[w] != nil else { return unregisteredWatchdog(call) }
        let wasRunning = clock.cancelWatchdogTick(w)
        guard writeCount(w, 0, call) else { return .crashed }
        record(call, result: 0, detail: wasRunning ? "stopped" : "was not running")
        return .value(0)
    }

    /// `int w_clear(struct watchdog *w)`: takes the watchdog off the kernel's list, started or
    /// not; its count is no longer decremented and its function never called (IBM's w_clear
    /// page). 0: one CPU, so no other processor can be handling it.
    func wClear(_ call: ServiceCall) -> ServiceReturn {
        let w = call.arguments.pointer(0)
        guard clock.watchdogs[w] != nil else { return unregisteredWatchdog(call) }
        let wasRunning = clock.cancelWatchdogTick(w)
        clock.watchdogs[w] = nil
        // Off the list: next and prev back to NULL, as w_init expects them.
        if case .failure(let fault) = KextMemory.write((UInt(0), UInt(0)), to: w) {
            return crashed(call, fault, detail: "crashed: w unwritable", what: "the watchdog structure")
        }
        record(call, result: 0, detail: wasRunning ? "removed while started: its handler will not run" : "removed")
        return .value(0)
    }

    /// A second of simulated time for a started watchdog: count down, and at 0 call its function.
    func watchdogTick(_ w: UInt) {
        guard let kext = clock.watchdogs[w],
              case .success(let count) = KextMemory.read(UInt.self, at: w + Self.watchdogCountOffset),
              count > 0
        else { return }
        guard case .success = KextMemory.write(count - 1, to: w + Self.watchdogCountOffset) else { return }
        guard count == 1 else {
            clock.schedule(.watchdogTick(watchdog: w), at: now + Self.watchdogSecond)
            return
        }
        let funcOffset = UInt(MemoryLayout<watchdog>.offset(of: \.func)!)
        guard case .success(let function) = KextMemory.read(UInt.self, at: w + funcOffset), function != 0 else {
            note("\(watchdogName(w)) expired with func unset: nothing to call")
            return
        }
        note("watchdog expired: calling \(functionName(function)) at INTTIMER")
        _ = runHandler(function, argument: w, kext: kext, source: .watchdog(handler: functionName(function)), priority: .INTTIMER)
        runOffLevelWork()
    }

    /// Watchdogs `kext` registered and never cleared: the kernel's list would still run through
    /// its memory after it is unloaded.
    public func watchdogFindings(of kext: KextID) -> [Finding] {
        clock.watchdogs.filter { $0.value == kext }.keys.sorted().map { w in
            Finding(kind: .timerActive, ea: nil, size: nil, kext: name(of: kext),
                    message: "\(watchdogName(w)) is still registered (w_init without w_clear): the kernel's "
                        + "watchdog list runs through the unloaded kext's memory")
        }
    }

    /// `watchdog dog (ADDRESS)` when the structure is kext data, else `watchdog at ADDRESS`.
    func watchdogName(_ w: UInt) -> String {
        dataSymbol(w) == nil ? "watchdog at \(describePointer(w))" : "watchdog \(describeData(w))"
    }

    private static let watchdogSecond = SimulatedTime.milliseconds(1000)
    private static let watchdogCountOffset = UInt(MemoryLayout<watchdog>.offset(of: \.count)!)

    private func writeCount(_ w: UInt, _ value: UInt, _ call: ServiceCall) -> Bool {
        if case .failure(let fault) = KextMemory.write(value, to: w + Self.watchdogCountOffset) {
            _ = crashed(call, fault, detail: "crashed: w unwritable", what: "the watchdog structure")
            return false
        }
        return true
    }

    private func unregisteredWatchdog(_ call: ServiceCall) -> ServiceReturn {
        watchdogMisuse(call, "\(call.export.name) of a watchdog w_init did not register",
                       "The kernel only counts down watchdogs on its list, which w_init puts them on and w_clear "
                       + "takes them off: this one's handler would never run, so the failure it guards against "
                       + "would go unnoticed.")
    }

    private func unpinnedWatchdog(_ call: ServiceCall) -> ServiceReturn {
        watchdogMisuse(call, "\(call.export.name) of a watchdog structure that is not pinned",
                       "The kernel's one-second timer walks the watchdog list at interrupt level, where a page "
                       + "fault cannot be serviced: the structure must be pinned from w_init until after w_clear.")
    }

    private func watchdogMisuse(_ call: ServiceCall, _ message: String, _ why: String) -> ServiceReturn {
        record(call, result: 0, detail: "crashed: \(message)")
        recordCrash(Crash(kind: .environmentViolation, ea: nil, access: nil, dsisr: nil, message: message,
                          explanation: why, kext: name(of: call.kext), location: callingFunction())
            .breaking(rule: "A watchdog is registered with w_init before w_start or w_stop, registered once, and its structure stays pinned until w_clear.",
                      fix: "Pin the watchdog structure, w_init it once at configuration, w_start/w_stop it around the operation it guards, and w_clear it before unloading."))
        return .crashed
    }

    func watchdogArguments(_ a: ServiceArguments) -> [CallArgument] {
        [dataArgument("w", a.pointer(0))]
    }
}
