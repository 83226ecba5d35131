import CFaultGuard
import Foundation
import Testing

/// Faults that are not a kext's must not be swallowed by the guard: aixsim itself must die,
/// loudly. Each test runs in a child process (an exit test).
@Suite("Fault guard: faults outside kext code", .serialized)
struct FaultGuardCrashTests {
    @Test("A fault in aixsim's own code with the guard installed still kills the process (SIGSEGV)")
    func notSwallowed() async {
        setenv("SWIFT_BACKTRACE", "enable=no", 1)
        await #expect(processExitsWith: .signal(SIGSEGV)) {
            _ = aixsim_guard_install()
            let p = UnsafeMutablePointer<Int>(bitPattern: 0x10)!
            p.pointee = 1   // expected: SIGSEGV, passed on to the default action
        }
    }
}
