/// The one simulated user process of a run: its data segment, and the per-thread error word
/// (`ut_error`) a system call sets with `setuerror` and the system call handler hands the
/// program as `errno`.
public final class UserProcess {
    public let space: UserAddressSpace
    /// AIX's process ID for it, distinct from the kernel processes' (`getpid` in the kernel
    /// still answers for the kext's own process).
    public let pid: Int32
    var uerror: Int32 = 0
    /// The system call the process is in, nil while its own code runs.
    public internal(set) var systemCall: String?

    public init(space: UserAddressSpace, pid: Int32 = 4242) {
        self.space = space
        self.pid = pid
    }
}
