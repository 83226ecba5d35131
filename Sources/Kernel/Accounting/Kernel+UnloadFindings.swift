import AIXSimKernelABI
import VMM

/// What a kext leaves behind when it is unloaded, each a finding of the report.
extension Kernel {
    /// Regions a kext still holds when it is unloaded: findings of kind `leak`.
    public func leaks(of kext: KextID) -> [Finding] {
        regions(ownedBy: kext).map { region in
            Finding(kind: .leak, ea: region.start, size: region.size, kext: name(of: kext),
                    message: "\(ByteCount(region.size)) of global memory at \(region.start), "
                        + "allocated with vm_galloc(\(region.flags.aixSpelling)) as region "
                        + "#\(region.sequence), was never returned with vm_gfree")
        }
    }

    /// What a kext leaves behind in the interrupt and timer machinery when it is unloaded: each
    /// would later run (or point into) code that is gone.
    public func interruptFindings(of kext: KextID) -> [Finding] {
        var out: [Finding] = []
        let kextName = name(of: kext)
        for h in interrupts.handlers(of: kext) {
            var finding = Finding(kind: .interruptHandler, ea: nil, size: nil, kext: kextName,
                                  message: "\(handlerName(h.handler)) is still registered for level \(h.level) (i_init without i_clear): the next interrupt would call unloaded code")
            finding.frames = codeFrame(h.handler).map { [$0] }
            out.append(finding)
        }
        for (address, block) in clock.timerBlocks.sorted(by: { $0.key < $1.key }) where block.kext == kext {
            if block.active {
                let function = Self.address(of: block.storage.pointee.func)
                let handler = function.map { " (handler \(handlerName($0)))" } ?? ""
                var finding = Finding(kind: .timerActive, ea: nil, size: nil, kext: kextName,
                                      message: "timer request block \(describeData(address))\(handler) is still active (tstart without tstop): its handler would run in unloaded code")
                finding.frames = function.flatMap(codeFrame).map { [$0] }
                out.append(finding)
            }
            if !block.freed {
                out.append(Finding(kind: .leak, ea: nil, size: UInt64(MemoryLayout<trb>.size), kext: kextName,
                                   message: "timer request block \(describeData(address)) from talloc was never returned with tfree"))
            }
        }
        let pins = accounting.codePinCount(of: kext)
        if pins > 0 {
            out.append(Finding(kind: .leak, ea: nil, size: nil, kext: kextName,
                               message: "pincode without unpincode: the kext's text and data stay pinned (count \(pins)) after it is unloaded"))
        }
        for event in clock.schedule.events {
            if case .timeout(let function, _, kext) = event.action {
                var finding = Finding(kind: .timeoutPending, ea: nil, size: nil, kext: kextName,
                                      message: "timeout of \(handlerName(function)) still pending at \(event.due) (no untimeout): it would run in unloaded code")
                finding.frames = codeFrame(function).map { [$0] }
                out.append(finding)
            }
        }
        out += watchdogFindings(of: kext)
        return out
    }
}
