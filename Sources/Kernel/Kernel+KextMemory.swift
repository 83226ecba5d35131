import CFaultGuard

/// Reading what a kext hands the kernel through pointers: always under the fault guard, since
/// a kext's pointer may be anything, and a fault in a Swift service must never happen.
extension Kernel {
    /// Reads a C string a kext passed, under the guard (nil if unreadable).
    func kextString(_ address: UInt, limit: Int = 512) -> String? {
        var text = [CChar](repeating: 0, count: limit)
        var fault = aixsim_fault()
        let failed = text.withUnsafeMutableBufferPointer {
            aixsim_guarded_copy_string($0.baseAddress, UnsafePointer(bitPattern: address), $0.count, &fault) != 0
        }
        return failed || address == 0 ? nil : text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Reads a C struct from kext memory under the guard; a bad pointer crashes the service.
    func copyIn<T>(_ type: T.Type, from address: UInt, _ call: ServiceCall, what: String) -> T? {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.size, alignment: MemoryLayout<T>.alignment)
        defer { buffer.deallocate() }
        var fault = aixsim_fault()
        guard address != 0,
              aixsim_guarded_copy(buffer, UnsafeRawPointer(bitPattern: address), MemoryLayout<T>.size, &fault) == 0
        else {
            if address == 0 { fault.address = 0 }
            record(call, result: 0, detail: "crashed \(what)")
            recordCrash(serviceFault(fault, in: call, what: what))
            return nil
        }
        return buffer.load(as: T.self)
    }

    /// A C function pointer a kext stored in a kernel structure (a handler, a timer function), as
    /// an address.
    static func address<Function>(of function: Function?) -> UInt? {
        function.map { UInt(bitPattern: unsafeBitCast($0, to: UnsafeRawPointer.self)) }
    }
}
