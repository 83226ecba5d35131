import Kernel

/// What the user program did, step by step: the user side of each system call (its name and
/// arguments as the process passed them), what came back, and whether that was what it expected.
public struct UserProgramReport: Codable, Sendable {
    /// One argument as the process passed it: the buffer it names, if any, and its value.
    public struct Argument: Codable, Sendable, Equatable {
        public let buffer: String?
        public let value: String
    }

    public struct Step: Codable, Sendable {
        public let index: Int
        /// The system call made, or nil for a buffer check.
        public var call: String?
        public var arguments: [Argument] = []
        /// The kext that provides the system call.
        public var kext: String?
        public var result: Int64?
        /// The errno the system call left (setuerror), when it returned -1.
        public var errno: String?
        public var expected: Int64?
        public var expectedErrno: String?
        /// The buffer a check compared, and what it held.
        /// The bus level of a device interrupt the step raised.
        public var interrupt: Int32?
        public var check: String?
        public var contents: String?
        public var met = true
        /// Why the step could not run or what it found, in a few words.
        public var detail: String?
        /// Text a C program printed (stdout or stderr).
        public var printed: String?
        /// A C library call that stays in the process (malloc, free, mknod), as the report shows it.
        public var note: String?
        /// Kernel-service calls made before this step (the step's own follow, up to the next).
        public var afterCall = 0

        init(index: Int) { self.index = index }
    }

    public let path: String
    public let pid: Int32
    /// The user effective address of each buffer.
    public var buffers: [String: String] = [:]
    public var steps: [Step] = []

    /// A C program killed by a signal from its own code: a user-process fault, not a kernel crash.
    public struct Fault: Codable, Sendable {
        public let signal: String
        public let detail: String
    }

    public var fault: Fault?
    /// A C program (`--user prog.c`) rather than a scenario: its regions are the stack and static
    /// data, not named buffers.
    public var isC = false
    /// A C program's exit status (main's return or exit), when it ended normally.
    public var exitStatus: Int32?
}
