import CFaultGuard

extension Kernel {
    /// The longest line the kernel printf formats; longer output is cut, as a console would.
    static let printfBufferSize = 1024

    /// `int printf(const char *format, ...)`, reached through its va_list table entry.
    func printf(_ call: ServiceCall) -> ServiceReturn {
        let format = call.arguments.pointer(0)
        let ap = UnsafeMutableRawPointer(bitPattern: call.arguments.pointer(1))
        var buffer = [CChar](repeating: 0, count: Self.printfBufferSize)
        var length: Int32 = 0
        var fault = aixsim_fault()
        let faulted = buffer.withUnsafeMutableBufferPointer { b in
            aixsim_guarded_vformat(b.baseAddress, b.count, UnsafePointer(bitPattern: format), ap,
                                   &length, &fault) != 0
        }
        if faulted {
            record(call, result: 0, detail: "crashed reading its arguments")
            recordCrash(serviceFault(fault, in: call,
                                     what: "reading the format string or a %s argument"))
            return .crashed
        }
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        record(call, result: Int64(length), output: text)
        appendConsole(text)
        return .value(Int64(length))
    }

    /// printf's trace shows its format string, read under the guard: the kext's pointer may
    /// not be readable at all (which is what a crash in printf reports).
    func printfArguments(_ a: ServiceArguments) -> [CallArgument] {
        var text = [CChar](repeating: 0, count: 256)
        var fault = aixsim_fault()
        let unreadable = text.withUnsafeMutableBufferPointer {
            aixsim_guarded_copy_string($0.baseAddress, UnsafePointer(bitPattern: a.pointer(0)), $0.count, &fault) != 0
        }
        let value = unreadable ? describePointer(a.pointer(0))
            : quoted(text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        return [CallArgument(name: "format", value: value)]
    }

    private func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\"": out += "\\\""
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
