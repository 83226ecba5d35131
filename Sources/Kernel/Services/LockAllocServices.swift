/// `<sys/lock_alloc.h>`: lock_alloc and lock_free bracket a simple or complex lock's life.
extension Kernel {
    static let lockAllocServices = ServiceTable(header: "sys/lock_alloc.h", definitions: [
        "lock_alloc": .init(implementation: { $0.lockAlloc($1) }, arguments: { $0.lockAllocArguments($1) }),
        "lock_free": .init(implementation: { $0.lockFree($1) }, arguments: { $0.lockAddressArguments($1) }),
    ])

    /// `void lock_alloc(void *lock_addr, int flags, short class, short occurrence)`
    func lockAlloc(_ call: ServiceCall) -> ServiceReturn {
        locks.allocate(call.arguments.pointer(0), site: callingFunction())
        record(call, result: 0)
        return .value(0)
    }

    /// `void lock_free(void *lock_addr)`
    func lockFree(_ call: ServiceCall) -> ServiceReturn {
        record(call, result: 0)
        if let problem = locks.free(call.arguments.pointer(0), site: callingFunction()) {
            apply([problem], call)
            return .crashed
        }
        return .value(0)
    }

    func lockAllocArguments(_ a: ServiceArguments) -> [CallArgument] {
        [dataArgument("lock_addr", a.pointer(0)),
         CallArgument(name: "flags", value: AIXFlagNames.lockAllocFlags.bits(Int64(a.int(1)))),
         CallArgument(name: "class", value: String(Int16(truncatingIfNeeded: a[2]))),
         CallArgument(name: "occurrence", value: String(Int16(truncatingIfNeeded: a[3])))]
    }

    func lockAddressArguments(_ a: ServiceArguments) -> [CallArgument] {
        [dataArgument("lock_addr", a.pointer(0))]
    }
}
