import CFaultGuard

/// A fault taken while the kernel touched memory a kext handed it: a value, so each service
/// decides what it means (nearly always the DSI AIX would take, through `Kernel.crashed`).
struct KextMemoryFault: Error {
    /// The guard's record of the fault, as `serviceFault` reads it.
    let hostFault: aixsim_fault

    /// The fault of touching the NULL page, for pointers refused before any access.
    static let null = KextMemoryFault(hostFault: aixsim_fault())

    var address: UInt { hostFault.address }
}

/// The one way kernel services touch memory a kext handed them through a pointer. A kext's
/// pointer may be anything, and a fault in a Swift service must never happen, so every access
/// runs under the fault guard and comes back as a `Result`.
enum KextMemory {
    /// Reads a `T` (a C struct, a word) from kext memory. NULL is refused without touching it.
    static func read<T>(_ type: T.Type, at address: UInt) -> Result<T, KextMemoryFault> {
        guard address != 0 else { return .failure(.null) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        defer { buffer.deallocate() }
        var fault = aixsim_fault()
        guard aixsim_guarded_copy(buffer, UnsafeRawPointer(bitPattern: address), MemoryLayout<T>.size, &fault) == 0
        else { return .failure(KextMemoryFault(hostFault: fault)) }
        return .success(buffer.load(as: T.self))
    }

    /// Writes `value`'s bytes to kext memory.
    static func write<T>(_ value: T, to address: UInt) -> Result<Void, KextMemoryFault> {
        var fault = aixsim_fault()
        let failed = withUnsafeBytes(of: value) { b in
            aixsim_guarded_copy(UnsafeMutableRawPointer(bitPattern: address), b.baseAddress, b.count, &fault) != 0
        }
        return failed ? .failure(KextMemoryFault(hostFault: fault)) : .success(())
    }

    /// Stores one word (an `unsigned long`) in kext memory, as one store.
    static func storeWord(_ value: UInt, at address: UInt) -> Result<Void, KextMemoryFault> {
        var fault = aixsim_fault()
        guard aixsim_guarded_store_ulong(UnsafeMutablePointer(bitPattern: address), value, &fault) == 0
        else { return .failure(KextMemoryFault(hostFault: fault)) }
        return .success(())
    }

    /// Copies `count` bytes between two buffers, either or both a kext's.
    static func copy(_ count: Int, from source: UInt, to destination: UInt) -> Result<Void, KextMemoryFault> {
        var fault = aixsim_fault()
        guard aixsim_guarded_copy(UnsafeMutableRawPointer(bitPattern: destination),
                                  UnsafeRawPointer(bitPattern: source), count, &fault) == 0
        else { return .failure(KextMemoryFault(hostFault: fault)) }
        return .success(())
    }

    /// Reads a C string, cut at `limit - 1` bytes. NULL is a fault on the NULL page.
    static func string(at address: UInt, limit: Int = 512) -> Result<String, KextMemoryFault> {
        var text = [CChar](repeating: 0, count: limit)
        var fault = aixsim_fault()
        let failed = text.withUnsafeMutableBufferPointer {
            aixsim_guarded_copy_string($0.baseAddress, UnsafePointer(bitPattern: address), $0.count, &fault) != 0
        }
        if failed { return .failure(KextMemoryFault(hostFault: fault)) }
        if address == 0 { return .failure(.null) }
        return .success(text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }

    /// Formats a kext's printf call (its format string and va_list) into at most `capacity`
    /// bytes: the text and the length printf returns.
    static func format(_ format: UInt, arguments ap: UInt, capacity: Int)
        -> Result<(text: String, length: Int32), KextMemoryFault>
    {
        var buffer = [CChar](repeating: 0, count: capacity)
        var length: Int32 = 0
        var fault = aixsim_fault()
        let failed = buffer.withUnsafeMutableBufferPointer { b in
            aixsim_guarded_vformat(b.baseAddress, b.count, UnsafePointer(bitPattern: format),
                                   UnsafeMutableRawPointer(bitPattern: ap), &length, &fault) != 0
        }
        if failed { return .failure(KextMemoryFault(hostFault: fault)) }
        return .success((buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }, length))
    }
}

extension Kernel {
    /// Reads a C struct a kext handed a service; a bad pointer crashes the service with its DSI.
    func copyIn<T>(_ type: T.Type, from address: UInt, _ call: ServiceCall, what: String) -> T? {
        switch KextMemory.read(type, at: address) {
        case .success(let value): return value
        case .failure(let fault):
            _ = crashed(call, fault, detail: "crashed \(what)", what: what)
            return nil
        }
    }

    /// A C string a kext handed a service, or nil if it cannot be read.
    func kextString(_ address: UInt, limit: Int = 512) -> String? {
        try? KextMemory.string(at: address, limit: limit).get()
    }

    /// A C function pointer a kext stored in a kernel structure (a handler, a timer function), as
    /// an address.
    static func address<Function>(of function: Function?) -> UInt? {
        function.map { UInt(bitPattern: unsafeBitCast($0, to: UnsafeRawPointer.self)) }
    }
}
