import CFaultGuard
import ExecutionEnvironment

extension Kernel {
    /// Takes note of faults the signal handler delivered to setjmpx contexts since the kernel
    /// last looked, and restores the priority each context saved.
    public func absorbDeliveries() {
        absorbPageEvents()
        guard aixsim_deliveries_pending() > 0 else { return }
        var buffer = [aixsim_delivery](repeating: aixsim_delivery(), count: 16)
        let n = buffer.withUnsafeMutableBufferPointer { aixsim_take_deliveries($0.baseAddress, Int32($0.count)) }
        for d in buffer.prefix(Int(n)) {
            let where_ = vmm.map.effectiveAddress(ofKextPointer: d.fault.address)?.description
                ?? "0x" + String(d.fault.address, radix: 16, uppercase: true)
            let access = d.fault.access == .store ? "store to" : "load from"
            let site = codeSite(d.fault.pc).map { " at \($0)" } ?? ""
            note("DSI (\(access) \(where_)\(site)) delivered to the setjmpx context at "
                 + "\(describePointer(UInt(bitPattern: d.label)))\(setjmpxSite(of: UInt(bitPattern: d.label))) with \(Self.exceptionCodeName(d.code)) (\(d.code))",
                 source: codeFrame(d.fault.pc))
            if let p = InterruptPriority(rawValue: Int32(truncatingIfNeeded: d.saved_priority)) { cpu.restore(p) }
        }
    }

    /// The `<sys/except.h>` or `<sys/errno.h>` name of a code the fault guard delivers.
    static func exceptionCodeName(_ code: Int) -> String {
        switch code {
        case 14: "EFAULT"
        case 134: "EXCEPT_PROT"
        case 262: "EXCEPT_DSI"
        default: "exception code"
        }
    }
}
