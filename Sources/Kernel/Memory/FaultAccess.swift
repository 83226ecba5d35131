import CFaultGuard
import PowerArch

extension aixsim_fault {
    /// Whether the faulting access was a load or a store, as the host's fault record says.
    public var access: AccessKind { is_write != 0 ? .store : .load }
}

extension aixsim_fault {
    /// The frame-pointer chain's return addresses the handler saved, innermost first.
    public var callerAddresses: [UInt] {
        let count = Int(max(0, min(caller_count, Int32(AIXSIM_FAULT_CALLERS))))
        return withUnsafeBytes(of: callers) { Array($0.bindMemory(to: UInt.self).prefix(count)) }
    }

    /// The first words at the stack pointer the handler saved.
    public var stackWords: [UInt] {
        let count = Int(max(0, min(stack_count, Int32(AIXSIM_FAULT_STACK_WORDS))))
        return withUnsafeBytes(of: stack) { Array($0.bindMemory(to: UInt.self).prefix(count)) }
    }
}
