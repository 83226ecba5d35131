import AIXSimKernelABI

/// `<sys/atomic_op.h>`: one-word atomic updates (fetch_and_add, compare_and_swap).
///
/// aixsim runs one simulated processor and a service is never interrupted, so a plain read and
/// write through `KextMemory` is already atomic with respect to everything the kext can observe.
extension Kernel {
    static let atomicOpServices = ServiceTable(header: "sys/atomic_op.h", definitions: [
        "fetch_and_add": .init(implementation: { $0.fetchAndAdd($1) }, arguments: { k, a in
            [CallArgument(name: "addr", value: k.describePointer(a.pointer(0))),
             CallArgument(name: "value", value: String(a.int(1)))]
        }),
        "compare_and_swap": .init(implementation: { $0.compareAndSwap($1) }, arguments: { k, a in
            [CallArgument(name: "addr", value: k.describePointer(a.pointer(0))),
             CallArgument(name: "old_val_p", value: k.describePointer(a.pointer(1))),
             CallArgument(name: "new_val", value: String(a.int(2)))]
        }),
    ])

    /// `int fetch_and_add(atomic_p addr, int value)`: adds, wrapping as the hardware does, and
    /// returns the word's value from before the add.
    func fetchAndAdd(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        let old: Int32
        switch KextMemory.read(Int32.self, at: address) {
        case .success(let v): old = v
        case .failure(let fault): return crashed(call, fault, detail: "crashed: addr unreadable", what: "the atomic word")
        }
        if case .failure(let fault) = KextMemory.write(old &+ call.arguments.int(1), to: address) {
            return crashed(call, fault, detail: "crashed: addr unwritable", what: "the atomic word")
        }
        record(call, result: Int64(old), detail: "\(old) -> \(old &+ call.arguments.int(1))")
        return .value(Int64(old))
    }

    /// `boolean_t compare_and_swap(atomic_p addr, int *old_val_p, int new_val)`: stores new_val
    /// only if the word still holds *old_val_p; otherwise hands the word's value back through
    /// old_val_p so the caller can retry.
    func compareAndSwap(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        let expectedAddress = call.arguments.pointer(1)
        let current: Int32, expected: Int32
        switch KextMemory.read(Int32.self, at: address) {
        case .success(let v): current = v
        case .failure(let fault): return crashed(call, fault, detail: "crashed: addr unreadable", what: "the atomic word")
        }
        switch KextMemory.read(Int32.self, at: expectedAddress) {
        case .success(let v): expected = v
        case .failure(let fault): return crashed(call, fault, detail: "crashed: old_val_p unreadable", what: "*old_val_p")
        }
        let swapped = current == expected
        let store = swapped ? KextMemory.write(call.arguments.int(2), to: address)
                            : KextMemory.write(current, to: expectedAddress)
        if case .failure(let fault) = store {
            return crashed(call, fault, detail: "crashed: store refused", what: swapped ? "the atomic word" : "*old_val_p")
        }
        record(call, result: swapped ? 1 : 0,
               detail: swapped ? "\(current) -> \(call.arguments.int(2))" : "word is \(current), expected \(expected)")
        return .value(swapped ? 1 : 0)
    }
}
