import PowerArch
import VMM

extension Kernel {
    static let pagingServices: [String: ServiceDefinition] = [
        "aixsim_pginfo": .init(implementation: { $0.pginfo($1) }, arguments: { $0.pginfoArguments($1) }),
    ]

    func pginfoArguments(_ a: ServiceArguments) -> [CallArgument] {
        [CallArgument(name: "addr", value: describePointer(a.pointer(0)))]
    }

    /// `int aixsim_pginfo(void *addr)`: the page's state as AIXSIM_PG_* bits; -1 outside global
    /// memory. Reading the state does not touch the page, so R and C are as the kext left them.
    func pginfo(_ call: ServiceCall) -> ServiceReturn {
        guard let ea = heap.map.effectiveAddress(fromHost: call.arguments.pointer(0)) else {
            record(call, result: -1, detail: "not global memory")
            return .value(-1)
        }
        let state = heap.pageState(at: ea)
        var bits: Int64 = 0
        if state.residency != .unallocated { bits |= 0x01 }
        if state.residency == .resident { bits |= 0x02 }
        if state.referenced { bits |= 0x04 }
        if state.changed { bits |= 0x08 }
        if state.pinned { bits |= 0x10 }
        if state.residency == .pagedOut { bits |= 0x20 }
        record(call, result: bits, detail: "page \(EffectiveAddress(ea.rawValue & ~0xFFF)): \(state)",
               resultText: "0x" + String(bits, radix: 16))
        return .value(bits)
    }
}
