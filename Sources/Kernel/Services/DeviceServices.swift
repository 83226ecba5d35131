import AIXSimKernelABI
import VMM

/// `<sys/device.h>`: `devswadd`, `devswdel`, `devswqry`, over the kernel's device switch table.
extension Kernel {
    static let deviceServices = ServiceTable(header: "sys/device.h", definitions: [
        "devswadd": .init(implementation: { $0.devswadd($1) }, arguments: { k, a in
            [CallArgument(name: "devno", value: DeviceNumber(rawValue: a[0]).description),
             CallArgument(name: "dswptr", value: k.describePointer(a.pointer(1)))]
        }),
        "devswdel": .init(implementation: { $0.devswdel($1) }, arguments: { _, a in
            [CallArgument(name: "devno", value: DeviceNumber(rawValue: a[0]).description)]
        }),
        "devswqry": .init(implementation: { $0.devswqry($1) }, arguments: { k, a in
            [CallArgument(name: "devno", value: DeviceNumber(rawValue: a[0]).description),
             CallArgument(name: "status", value: k.describePointer(a.pointer(1))),
             CallArgument(name: "dsdptr", value: k.describePointer(a.pointer(2)))]
        }),
    ])

    /// `int devswadd(dev_t devno, struct devsw *dswptr)`: copies the entry points into the
    /// table under devno's major number; EEXIST if that major number already has an entry.
    func devswadd(_ call: ServiceCall) -> ServiceReturn {
        let device = DeviceNumber(rawValue: call.arguments[0])
        guard devices.entries[device.major] == nil else {
            record(call, result: Int64(AIXErrno.exists.rawValue), error: .exists,
                   detail: "major \(device.major) already has a device switch entry")
            return .errno(.exists)
        }
        guard let d = copyIn(devsw.self, from: call.arguments.pointer(1), call, what: "reading the struct devsw")
        else { return .crashed }
        let address = { (f: (@convention(c) () -> Int32)?) in Self.address(of: f) ?? 0 }
        devices.entries[device.major] = DeviceEntry(
            kext: call.kext, open: address(d.d_open), close: address(d.d_close), read: address(d.d_read),
            write: address(d.d_write), ioctl: address(d.d_ioctl), dsdptr: UInt(bitPattern: d.d_dsdptr))
        let named = [("d_open", d.d_open), ("d_close", d.d_close), ("d_read", d.d_read),
                     ("d_write", d.d_write), ("d_ioctl", d.d_ioctl)]
            .compactMap { name, f in address(f) == 0 ? nil : "\(name)=\(functionName(address(f)))" }
        record(call, result: 0, detail: "major \(device.major): " + (named.isEmpty ? "no entry points" : named.joined(separator: ", ")))
        return .value(0)
    }

    /// `int devswdel(dev_t devno)`: removes the entry; EINVAL if there is none, EEXIST while
    /// the device is still open.
    func devswdel(_ call: ServiceCall) -> ServiceReturn {
        let device = DeviceNumber(rawValue: call.arguments[0])
        guard let entry = devices.entries[device.major] else {
            record(call, result: Int64(AIXErrno.invalidArgument.rawValue), error: .invalidArgument,
                   detail: "major \(device.major) has no device switch entry")
            return .errno(.invalidArgument)
        }
        guard entry.openCount == 0 else {
            record(call, result: Int64(AIXErrno.exists.rawValue), error: .exists,
                   detail: "major \(device.major) is still open \(entry.openCount) time(s)")
            return .errno(.exists)
        }
        devices.entries[device.major] = nil
        record(call, result: 0, detail: "major \(device.major) removed")
        return .value(0)
    }

    /// `int devswqry(dev_t devno, uint *status, caddr_t *dsdptr)`: the entry's status bits and
    /// device-dependent pointer; either pointer may be NULL.
    func devswqry(_ call: ServiceCall) -> ServiceReturn {
        let device = DeviceNumber(rawValue: call.arguments[0])
        let entry = devices.entries[device.major]
        let bits = entry.map(DeviceStatus.init(of:)) ?? []
        let status = bits.rawValue
        if call.arguments.pointer(1) != 0, case .failure(let f) = KextMemory.write(status, to: call.arguments.pointer(1)) {
            return crashed(call, f, detail: "crashed storing *status", what: "status")
        }
        if call.arguments.pointer(2) != 0,
           case .failure(let f) = KextMemory.write(entry?.dsdptr ?? 0, to: call.arguments.pointer(2)) {
            return crashed(call, f, detail: "crashed storing *dsdptr", what: "dsdptr")
        }
        record(call, result: 0, resultText: "0, status \(bits.names)")
        return .value(0)
    }
}

extension AIXErrno {
    /// The corresponding AIX constant is `EEXIST`.
    static let exists = AIXErrno(rawValue: 17)
}
