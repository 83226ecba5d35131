import ExecutionEnvironment

/// `<sys/ioacc.h>`: io_att and io_det, behind BUSIO_ATT and BUSIO_DET. aixsim simulates no I/O
/// bus, so there is no address io_att could honestly return: the call ends the run with a report
/// that says so (not implemented), rather than hand the kext memory that is not a device.
extension Kernel {
    static let ioAccServices = ServiceTable(header: "sys/ioacc.h", definitions: [
        "io_att": .init(implementation: { $0.ioAtt($1) }, arguments: { _, a in
            [CallArgument(name: "bid", value: "0x" + String(UInt64(bitPattern: a.long(0)), radix: 16, uppercase: true)),
             CallArgument(name: "io_addr", value: "0x" + String(UInt64(bitPattern: a.long(1)), radix: 16, uppercase: true))]
        }),
        "io_det": .init(implementation: { $0.ioDet($1) }, arguments: { k, a in
            [CallArgument(name: "eaddr", value: k.describePointer(a.pointer(0)))]
        }),
    ])

    /// `caddr_t io_att(ulong bid, ulong io_addr)`
    func ioAtt(_ call: ServiceCall) -> ServiceReturn {
        let bid = "0x" + String(UInt64(bitPattern: call.arguments.long(0)), radix: 16, uppercase: true)
        let message = "io_att(\(bid)): aixsim simulates no I/O bus, so bus I/O space cannot be mapped"
        record(call, result: 0, detail: "crashed: not implemented: no I/O bus")
        recordCrash(Crash(kind: .environmentViolation, ea: nil, access: nil, dsisr: nil, message: message,
                          explanation: "BUSIO_ATT and io_att map a device's registers on a Micro Channel or PCI bus. "
                              + "aixsim has no buses and no devices, so a kext that drives hardware can be built "
                              + "and its entry point run, but not the code that touches the device.",
                          kext: name(of: call.kext), location: callingFunction())
            .breaking(rule: "io_att maps a bus's I/O space for a device driver; aixsim simulates no bus, so this is a limit of aixsim, not a mistake in the kext.",
                      fix: "Run the hardware-independent parts under aixsim (configuration, buffers, interrupt and off-level logic) and keep device access behind a function you can replace in a test build."))
        return .crashed
    }

    /// `void io_det(caddr_t eaddr)`: only io_att hands out mappings, so there is none to undo.
    func ioDet(_ call: ServiceCall) -> ServiceReturn {
        record(call, result: 0, detail: "no mapping: io_att never returned one")
        return .value(0)
    }
}
