import AIXSimKernelABI

/// `<sys/errids.h>`: errsave. aixsim has no error log daemon; an entry becomes a line of the
/// run's timeline, which is where a reader of the report looks for what the kext reported.
extension Kernel {
    static let errIdsServices = ServiceTable(header: "sys/errids.h", definitions: [
        "errsave": .init(implementation: { $0.errsave($1) }, arguments: { k, a in
            [CallArgument(name: "buf", value: k.describePointer(a.pointer(0))),
             CallArgument(name: "cnt", value: String(UInt32(truncatingIfNeeded: a.int(1))))]
        }),
    ])

    /// Bytes of `struct err_rec` before the detail data: the id and the resource name.
    static let errRecordHeaderSize = 4 + 16

    /// `void errsave(struct err_rec *buf, unsigned int cnt)`
    func errsave(_ call: ServiceCall) -> ServiceReturn {
        let address = call.arguments.pointer(0)
        let length = Int(UInt32(truncatingIfNeeded: call.arguments.int(1)))
        let id: UInt32
        switch KextMemory.read(UInt32.self, at: address) {
        case .success(let v): id = v
        case .failure(let fault): return crashed(call, fault, detail: "crashed: buf unreadable", what: "the error record")
        }
        let resource: String
        switch KextMemory.read((UInt64, UInt64).self, at: address + 4) {
        case .success(let raw):
            resource = withUnsafeBytes(of: raw) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        case .failure(let fault): return crashed(call, fault, detail: "crashed: buf unreadable", what: "the error record")
        }
        let detailLength = max(0, length - Self.errRecordHeaderSize)
        let text = "error log: id 0x\(String(id, radix: 16, uppercase: true)) from \"\(resource)\", "
            + "\(detailLength) bytes of detail data"
        note(text)
        record(call, result: 0, detail: text)
        return .value(0)
    }
}
