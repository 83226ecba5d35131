/// Per-run limits the kernel itself enforces (simulated time, console output): past one the run
/// ends with a crash of kind resource-limit that names the limit and the option that sets it.
extension Kernel {
    /// Ends the run if `event` comes due past the simulated-time limit; whether it did.
    func simulatedTimeLimitReached(by event: ScheduledEvent) -> Bool {
        let limit = configuration.simulatedTimeLimit
        guard event.due > limit else { return false }
        let (what, kext): (String, KextID?) = switch event.action {
        case .deviceInterrupt(let level): ("a device interrupt on level \(level)", nil)
        case .timer(let address):
            (clock.timerBlocks[address].flatMap { Self.address(of: $0.storage.pointee.func) }
                .map { "the timer of \(functionName($0))" } ?? "a timer", clock.timerBlocks[address]?.kext)
        case .timeout(let function, _, let kext): ("the timeout of \(functionName(function))", kext)
        case .watchdogTick(let address): ("a watchdog timer", clock.watchdogs[address])
        }
        recordCrash(Crash(
            kind: .resourceLimit, ea: nil, access: nil, dsisr: nil,
            message: "simulated time ran past the run's limit of \(limit) (--sim-time-limit) with \(what) still coming due",
            explanation: "A run is limited in simulated time. Time advances only while the kernel waits "
                + "(e_sleep, delay, --run-for) and something is still due; here it kept running, most "
                + "likely because a timer or timeout re-armed itself each time it fired while a thread "
                + "slept waiting for a wakeup that never came. On AIX the thread would sleep for ever "
                + "while the handler fired periodically (a livelock). Check the condition that should "
                + "post the wakeup, or raise the limit with --sim-time-limit if the run really needs "
                + "that much simulated time.",
            kext: kext.map(name(of:)), location: nil))
        return true
    }

    /// The part of `text` printf may still add to the console; nil if all of it fits. Past the
    /// limit the run ends (the caller returns `.crashed` after adding the part that fits).
    func consoleRoomExceeded(by text: String, _ call: ServiceCall) -> String? {
        let room = configuration.outputLimitBytes - dispatcher.consoleBytes
        guard text.utf8.count > room else { return nil }
        recordCrash(Crash(
            kind: .resourceLimit, ea: nil, access: nil, dsisr: nil,
            message: "\(name(of: call.kext))'s console output passed the run's limit of "
                + "\(ByteCount(UInt64(configuration.outputLimitBytes))) (--output-limit)",
            explanation: "A run is limited in how much the kext may print, so that a print loop cannot "
                + "fill the host's memory or disk. The report keeps the output up to the limit. On AIX "
                + "console output this heavy would stall the system on the console device. Raise the "
                + "limit with --output-limit if the output is wanted.",
            kext: name(of: call.kext), location: callingFunction()))
        return String(decoding: text.utf8.prefix(max(0, room)), as: UTF8.self)
    }
}
