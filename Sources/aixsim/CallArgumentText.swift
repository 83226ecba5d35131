import Kernel

extension CallArgument {
    /// `lock_addr=kx_lock (0xF1000000000A2040)`: the kext variable first, as the source names it.
    var reportText: String {
        guard let symbol else { return "\(name)=\(value)" }
        return "\(name)=\(symbol) (\(value))"
    }
}
