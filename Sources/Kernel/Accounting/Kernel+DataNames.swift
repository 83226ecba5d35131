import PowerArch

/// Names for the kext data a report mentions (locks, event words, watchdog and timer
/// structures): a student recognises `kx_lock` where `0xF1000000000A2040` says nothing. Every
/// report that prints such an address goes through here, so they all read the same.
extension Kernel {
    /// `kx_state+0x10` for an address in a kext variable, `xmalloc #3+0x8` for one in a live
    /// xmalloc allocation; nil for anything else.
    public func dataSymbol(_ host: UInt) -> String? {
        guard host != 0 else { return nil }
        if let name = runtime?.dataSymbol(at: host) { return name }
        guard let ea = vmm.map.effectiveAddress(ofKextPointer: host),
              let record = xmallocAllocation(at: ea), record.freedBy == nil, record.contains(ea)
        else { return nil }
        let offset = ea.rawValue - record.address.rawValue
        return "xmalloc #\(record.sequence)" + (offset == 0 ? "" : "+0x\(String(offset, radix: 16))")
    }

    /// `kx_lock (0xF1000000000A2040)` when the address has a name, else the address alone.
    public func describeData(_ host: UInt) -> String {
        guard let symbol = dataSymbol(host) else { return describePointer(host) }
        return "\(symbol) (\(describePointer(host)))"
    }

    /// A trace argument that points at kext data: the address as its value, the name beside it.
    func dataArgument(_ name: String, _ host: UInt) -> CallArgument {
        CallArgument(name: name, value: describePointer(host), symbol: dataSymbol(host))
    }
}
