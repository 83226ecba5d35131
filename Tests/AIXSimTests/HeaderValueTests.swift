import Testing
import KextFixtures

/// The AIX headers kexts compile against, checked by compiling a kext that asserts their values.
@Suite("AIX header values", .serialized)
struct HeaderValueTests {
    @Test("The AIX headers carry AIX 5.3's values (compile-time checks in a C kext)")
    func headerValues() {
        let report = Fixture.run("header_values")
        #expect(report.outcome == .ok, "\(report.error ?? "") \(report.diagnostics ?? "")")
    }
}
