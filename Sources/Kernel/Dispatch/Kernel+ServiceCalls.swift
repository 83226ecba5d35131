import CFaultGuard
import ExecutionEnvironment
import VMM

extension Kernel {
    /// Runs the service at `index` of the export list for `kext`.
    /// Every call is first checked against the environment rules the export list declares.
    /// `returnAddress` is where the call returns to in kext code (0 when unknown): reports name
    /// the calling function from it instead of walking the stack.
    public func call(_ index: Int, from kext: KextID, _ arguments: ServiceArguments,
                     returnAddress: UInt = 0) -> ServiceReturn
    {
        dispatch(ServiceCall(index: index, kext: kext, arguments: arguments), returnAddress: returnAddress)
    }

    /// The one C entry of every kext's table (the loader installs it): runs the call the C thunk
    /// filled in, inside the fault guard's service scope, and stores the service's result in it.
    /// Here rather than in the loader so the whole call path is one Swift frame.
    public static let serviceEntry: aixsim_service_entry = { call in
        guard let call, let kernel = call.pointee.kernel else {
            fatalError("a kernel service was called from kext code aixsim did not call")
        }
        // The slots are read in place (the thunk's record lives until the thunk returns), found by
        // their offset rather than through closures around the call.
        let slots = (UnsafeMutableRawPointer(call) + argumentsOffset).assumingMemoryBound(to: UInt64.self)
        // The invocation's caller (LoadedKext) keeps the kernel alive for the whole call.
        return Unmanaged<Kernel>.fromOpaque(kernel)._withUnsafeGuaranteedRef { kernel in
            let result = kernel.dispatch(ServiceCall(index: Int(call.pointee.index), kext: KextID(rawValue: call.pointee.kext),
                                                     arguments: ServiceArguments(slots, count: Int(call.pointee.count))),
                                         returnAddress: UInt(call.pointee.return_address),
                                         deliveriesPending: call.pointee.deliveries_pending > 0)
            call.pointee.result = result.value
            return result.action.rawValue
        }
    }

    // Computed, so it folds to a constant instead of a lazily initialised global.
    private static var argumentsOffset: Int { MemoryLayout<aixsim_service_call>.offset(of: \.arguments)! }

    @inline(__always)
    private func dispatch(_ call: ServiceCall, returnAddress: UInt,
                          deliveriesPending: @autoclosure () -> Bool = aixsim_deliveries_pending() > 0) -> ServiceReturn
    {
        let index = call.index, kext = call.kext
        // absorbDeliveries drains page events first; this kext is charged for them.
        accounting.pageFaultKext = kext
        // Most calls find nothing to drain: two flags decide that without a Swift frame.
        if pageEvents.pending || deliveriesPending() { absorbDeliveries() }
        let allowed = dispatcher.allowedEnvironments[index]
        // With no spin lock held anywhere the lock rule cannot be broken: one load decides it.
        let lockRuleApplies = allowed == .process && locks.simpleHoldCount > 0
        // The rule on the tracker's two plain fields: asking the tracker itself would copy it.
        if lockRuleApplies || EnvironmentTracker.violationKind(environment: interrupts.cpu.environment,
                                                               priority: interrupts.cpu.priority,
                                                               allowed: allowed) != nil,
           refuses(call, allowed: allowed, checkingLocks: lockRuleApplies, returnAddress: returnAddress)
        {
            return .crashed
        }
        // A handler run from inside this service makes calls of its own: keep the outer address.
        let outer = dispatcher.returnAddress
        dispatcher.returnAddress = returnAddress
        defer { dispatcher.returnAddress = outer }
        let before = dispatcher.trace.totalCalls
        let result = dispatcher.services[index]._withUnsafeGuaranteedRef { $0.implementation(self, call) }
        // The call that took the count to K, once: calls its handlers made count too.
        if let k = configuration.arrivalAfterCall, before < k, dispatcher.trace.totalCalls >= k, crash == nil {
            deliverArrivals(afterCall: k)
            // A handler that crashed the system ends the kext's call with it.
            if crash != nil { return .crashed }
        }
        return result
    }

    /// The lock rule and the environment rule in full, once a quick test says one may be broken:
    /// a refusal is traced and the system crashes. Out of line, so the call path does not set up
    /// this path's large frame on every call. The refused call's own return address is current
    /// while its report is made: it may come from a handler another service is running.
    @inline(never)
    private func refuses(_ call: ServiceCall, allowed: ServiceEnvironments, checkingLocks: Bool,
                         returnAddress: UInt) -> Bool
    {
        let outer = dispatcher.returnAddress
        dispatcher.returnAddress = returnAddress
        defer { dispatcher.returnAddress = outer }
        if checkingLocks, !mayCallProcessServiceHoldingLocks(call) { return true }
        guard let violation = cpu.check(service: call.export.name, allowed: allowed) else { return false }
        record(call, result: 0, detail: "refused: \(violation.message)")
        recordCrash(environmentViolation(violation, kext: call.kext))
        return true
    }

    /// Traces one call. Arguments and detail are rendered only while the trace still keeps whole
    /// records, so a kext looping on a service pays for a counter, not for formatting.
    @inline(__always)
    func record(_ call: ServiceCall, result: Int64, error: AIXErrno? = nil,
                detail: @autoclosure () -> String? = nil, output: String? = nil,
                resultText: @autoclosure () -> String? = nil)
    {
        let sequence = dispatcher.count(call.index)
        guard dispatcher.trace.keepsRecords else {
            if mayHaveObserver { reportProgress(sequence) }
            return
        }
        recordWhole(call, sequence: sequence, result: result, error: error, detail: detail(), output: output,
                    resultText: resultText())
    }

    /// Tells the observer how far the run got, for a call the trace only counts.
    @inline(never)
    private func reportProgress(_ sequence: Int) {
        if let observer {
            observer.kernel(.progress(sequence))
            publishProgress()
        }
    }

    /// The whole record of a call the trace keeps. Out of line: building it takes a frame far
    /// larger than the rest of a service's fast path, which every counted call would set up.
    @inline(never)
    private func recordWhole(_ call: ServiceCall, sequence: Int, result: Int64, error: AIXErrno?, detail: String?,
                             output: String?, resultText: String?)
    {
        // Built before the append: rendering may read the kernel, the trace included.
        let entry = CallRecord(
            sequence: sequence, kext: name(of: call.kext), phase: phase,
            service: call.export.name, arguments: dispatcher.services[call.index].takeUnretainedValue().arguments(self, call.arguments),
            result: result, resultText: resultText, error: error?.name, detail: detail, output: output, context: cpuContext)
        dispatcher.append(entry)
        if observer != nil { publishProgress(entry) }
    }

    /// A service's call ending in a crash because kext memory it was handed faulted: traced with
    /// `detail`, reported as the DSI AIX takes in kernel code on the kext's behalf.
    func crashed(_ call: ServiceCall, _ fault: KextMemoryFault, detail: String, what: String) -> ServiceReturn {
        record(call, result: 0, detail: detail)
        recordCrash(serviceFault(fault.hostFault, in: call, what: what))
        return .crashed
    }

    func environmentViolation(_ v: EnvironmentViolation, kext: KextID) -> Crash {
        var crash = Crash(kind: .environmentViolation, ea: nil, access: nil, dsisr: nil,
                          message: v.message, explanation: v.explanation, kext: name(of: kext),
                          location: callingFunction())
        crash.service = v.service
        return crash
    }

    /// Where the CPU is, in a few words, when that is not the process level at INTBASE.
    var cpuContext: String? {
        if let source = cpu.source { return "interrupt level, \(cpu.priority.name): \(source)" }
        return cpu.priority == .INTBASE ? nil : "interrupts disabled to \(cpu.priority.name)"
    }

    /// The kext function that made the service call in progress: from the call's own return
    /// address, or (a kext that tail-called the service returns elsewhere) by walking the stack
    /// back to the first return address inside a kext.
    func callingFunction() -> String? {
        callingPC().flatMap(codeSite)
    }

    /// `function+0xOFFSET` of the kext instruction that made the call in progress, without the
    /// source line: the word a `--fail SERVICE:site=` rule names.
    func callingSite() -> String? {
        callingPC().flatMap { codeFrame($0)?.functionOffset ?? runtime?.location(of: $0) }
    }

    /// The kext instruction that made the service call in progress (see callingFunction).
    private func callingPC() -> UInt? {
        guard let runtime else { return nil }
        if let pc = callingInstruction(runtime) { return pc }
        var frames = [UnsafeMutableRawPointer?](repeating: nil, count: 64)
        let count = frames.withUnsafeMutableBufferPointer { aixsim_backtrace($0.baseAddress, Int32($0.count)) }
        for frame in frames.prefix(Int(count)) {
            let pc = UInt(bitPattern: frame)
            // A return address points after the call; step back into the calling instruction.
            if pc != 0, runtime.kext(containing: pc - 1) != nil { return pc - 1 }
        }
        return nil
    }

    /// The kext frames on the stack now, innermost first: the kext's calls that led to the service
    /// in progress (each return address stepped back into its call instruction).
    func kextFramesOnStack() -> [KextFrame] {
        guard let runtime else { return [] }
        var frames = [UnsafeMutableRawPointer?](repeating: nil, count: 64)
        let count = frames.withUnsafeMutableBufferPointer { aixsim_backtrace($0.baseAddress, Int32($0.count)) }
        return frames.prefix(Int(count)).compactMap { frame in
            let pc = UInt(bitPattern: frame)
            guard pc > 1, runtime.kext(containing: pc - 1) != nil else { return nil }
            return runtime.frame(of: pc - 1)
        }
    }

    /// The calling instruction of the service call in progress, when its return address lies in
    /// a kext.
    func callingInstruction(_ runtime: any KextRuntime) -> UInt? {
        let ra = dispatcher.returnAddress
        guard ra > 1, runtime.kext(containing: ra - 1) != nil else { return nil }
        return ra - 1
    }

    /// Renders a pointer a kext passed: an effective address when it points into global
    /// memory, else the raw value.
    func describePointer(_ host: UInt) -> String {
        if host == 0 { return "NULL" }
        if let ea = userEffectiveAddress(of: host) { return ea.description }
        if let ea = vmm.map.effectiveAddress(ofKextPointer: host) { return ea.description }
        return "0x" + String(host, radix: 16, uppercase: true)
    }

    /// `name+0x0` for a kext function address.
    func functionName(_ address: UInt) -> String {
        let text = runtime?.location(of: address) ?? describePointer(address)
        return text.hasSuffix("+0x0") ? String(text.dropLast(4)) : text
    }
}
