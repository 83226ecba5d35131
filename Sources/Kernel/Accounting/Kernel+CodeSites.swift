/// Names for kext code in reports: every trace line, message and crash that points at kext code
/// goes through the kext's debug information, so it gives file:line when the kext was built with
/// `-g` and falls back to function+offset when it was not.
extension Kernel {
    /// The report frame of a code address in a kext (cached by the runtime).
    func codeFrame(_ address: UInt) -> KextFrame? {
        runtime?.frame(of: address)
    }

    /// `function+0xOFFSET (file.c:LINE)` for an instruction in a kext; outside kexts, the
    /// runtime's symbol (`memcpy+0x1f (in libc.so.6)`).
    func codeSite(_ pc: UInt) -> String? {
        codeFrame(pc)?.site ?? runtime?.location(of: pc)
    }

    /// ` (setjmpx in probe+0x1c (x.c:21))`: where the context in `label` was saved, when known.
    func setjmpxSite(of label: UInt) -> String {
        guard let pc = accounting.setjmpxSites[label], let site = codeSite(pc) else { return "" }
        return " (setjmpx in \(site))"
    }

    /// A function a kext handed the kernel (a handler, a timer function), by name with the line
    /// it starts at: `on_interrupt (ring.c:31)`; the bare name without `-g`.
    func handlerName(_ address: UInt) -> String {
        functionName(address) + lineSuffix(address)
    }

    /// ` (ring.c:31)` for a code address in a kext built with `-g`, else nothing: for a timeline
    /// line that names a function earlier in its text.
    func lineSuffix(_ address: UInt) -> String {
        codeFrame(address)?.fileLine.map { " (\($0))" } ?? ""
    }
}
