/// The kernel's own printf (AIX exports it from the kernel, not libc; the export list files it
/// under `stdio.h`).
extension Kernel {
    static let stdioServices = ServiceTable(header: "stdio.h", definitions: [
        "printf": .init(implementation: { $0.printf($1) }, arguments: { $0.printfArguments($1) }),
    ])

    /// The longest line the kernel printf formats; longer output is cut, as a console would.
    static let printfBufferSize = 1024

    /// `int printf(const char *format, ...)`, reached through its va_list table entry.
    func printf(_ call: ServiceCall) -> ServiceReturn {
        // A format with %p is formatted from a bracketed copy (PointerConversions), so the
        // pointers print as effective addresses; every other format from the kext's own memory.
        let format = call.arguments.pointer(0)
        // A format too long to copy whole keeps the host's %p.
        let bracketed = (try? KextMemory.string(at: format, limit: Self.printfBufferSize).get())
            .flatMap { $0.utf8.count < Self.printfBufferSize - 1 ? PointerConversions.bracketed($0) : nil }
        let formatted = bracketed.map { copy in
            copy.withCString { KextMemory.format(UInt(bitPattern: $0), arguments: call.arguments.pointer(1),
                                                 capacity: Self.printfBufferSize) }
        } ?? KextMemory.format(format, arguments: call.arguments.pointer(1), capacity: Self.printfBufferSize)
        switch formatted {
        case .failure(let fault):
            return crashed(call, fault, detail: "crashed reading its arguments",
                           what: "reading the format string or a %s argument")
        case .success(let (raw, rawLength)):
            var text = raw
            var length = rawLength
            if bracketed != nil {
                text = PointerConversions.replaced(raw) { host in
                    self.vmm.map.effectiveAddress(ofKextPointer: host)?.description
                }
                // printf returns what it printed: the markers are gone, the addresses changed width.
                length = rawLength + Int32(text.utf8.count) - Int32(raw.utf8.count)
            }
            if let kept = consoleRoomExceeded(by: text, call) {
                dispatcher.appendConsole(kept)
                return .crashed
            }
            // Console first: tracing the call streams both to a supervisor at once.
            dispatcher.appendConsole(text)
            record(call, result: Int64(length), output: text)
            return .value(Int64(length))
        }
    }

    /// printf's trace shows its format string, read under the guard: the kext's pointer may
    /// not be readable at all (which is what a crash in printf reports).
    func printfArguments(_ a: ServiceArguments) -> [CallArgument] {
        let value: String
        switch KextMemory.string(at: a.pointer(0), limit: 256) {
        case .success(let text): value = quoted(text)
        case .failure: value = describePointer(a.pointer(0))
        }
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
