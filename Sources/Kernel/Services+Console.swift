import CAIXSim

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
            record(call, { [CallArgument(name: "format", value: self.describePointer(format))] }, result: 0,
                   detail: "crashed reading its arguments")
            recordCrash(serviceFault(fault, in: call,
                                     what: "reading the format string or a %s argument"))
            return .crashed
        }
        let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        record(call, { [CallArgument(name: "format", value: self.quoted(text))] }, result: Int64(length),
               output: text)
        appendConsole(text)
        return .value(Int64(length))
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
