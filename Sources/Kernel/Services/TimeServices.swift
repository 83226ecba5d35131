import AIXSimKernelABI

/// `<sys/time.h>`: curtime. AIX's `time` and `lbolt` are kernel variables a kext reads, not
/// services, so they have no entry here.
extension Kernel {
    static let timeServices = ServiceTable(header: "sys/time.h", definitions: [
        "curtime": .init(implementation: { $0.curtime($1) }, arguments: { k, a in
            [CallArgument(name: "timestruct", value: k.describePointer(a.pointer(0)))]
        }),
    ])

    /// `void curtime(struct timestruc_t *timestruct)`: the simulated clock, which starts at the
    /// Epoch when aixsim boots, as seconds and nanoseconds.
    func curtime(_ call: ServiceCall) -> ServiceReturn {
        let ns = now.rawValue
        let value = aixsim_timestruc(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        if case .failure(let fault) = KextMemory.write(value, to: call.arguments.pointer(0)) {
            return crashed(call, fault, detail: "crashed: timestruct unwritable", what: "the timestruc_t")
        }
        record(call, result: 0, detail: "\(value.tv_sec) s \(value.tv_nsec) ns")
        return .value(0)
    }
}
