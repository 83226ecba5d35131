/// An AIX error number, as kernel services return them.
///
/// Values are AIX 5.3's (`<sys/errno.h>`); the first 34 coincide with Linux's, the rest do not,
/// which is why kexts get aixsim's own header.
public struct AIXErrno: RawRepresentable, Hashable, Sendable, Error, CustomStringConvertible {
    public var rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// Interrupted system call. The corresponding AIX constant is `EINTR`.
    public static let interrupted = AIXErrno(rawValue: 4)
    /// I/O error. The corresponding AIX constant is `EIO`.
    public static let ioError = AIXErrno(rawValue: 5)
    /// Not enough memory or backing resources. The corresponding AIX constant is `ENOMEM`.
    public static let noMemory = AIXErrno(rawValue: 12)
    /// Bad address. The corresponding AIX constant is `EFAULT`.
    public static let badAddress = AIXErrno(rawValue: 14)
    /// Invalid argument. The corresponding AIX constant is `EINVAL`.
    public static let invalidArgument = AIXErrno(rawValue: 22)
    /// No space left (for vm_galloc: in the galloc heap's address range). The corresponding AIX
    /// constant is `ENOSPC`.
    public static let noSpace = AIXErrno(rawValue: 28)

    private static let names: [Int32: (String, String)] = [
        1: ("EPERM", "operation not permitted"), 2: ("ENOENT", "no such file or directory"),
        3: ("ESRCH", "no such process"), 4: ("EINTR", "interrupted system call"),
        5: ("EIO", "I/O error"), 6: ("ENXIO", "no such device or address"),
        7: ("E2BIG", "argument list too long"), 8: ("ENOEXEC", "exec format error"),
        9: ("EBADF", "bad file descriptor"), 10: ("ECHILD", "no child processes"),
        11: ("EAGAIN", "resource temporarily unavailable"), 12: ("ENOMEM", "not enough space"),
        13: ("EACCES", "permission denied"), 14: ("EFAULT", "bad address"),
        15: ("ENOTBLK", "block device required"), 16: ("EBUSY", "resource busy"),
        17: ("EEXIST", "file exists"), 18: ("EXDEV", "improper link"),
        19: ("ENODEV", "no such device"), 20: ("ENOTDIR", "not a directory"),
        21: ("EISDIR", "is a directory"), 22: ("EINVAL", "invalid argument"),
        23: ("ENFILE", "too many open files in the system"), 24: ("EMFILE", "too many open files"),
        25: ("ENOTTY", "inappropriate I/O control operation"), 26: ("ETXTBSY", "text file busy"),
        27: ("EFBIG", "file too large"), 28: ("ENOSPC", "no space left on device"),
        29: ("ESPIPE", "invalid seek"), 30: ("EROFS", "read-only file system"),
        31: ("EMLINK", "too many links"), 32: ("EPIPE", "broken pipe"),
        33: ("EDOM", "domain error within math function"), 34: ("ERANGE", "result too large"),
        86: ("ENAMETOOLONG", "file name too long"),
    ]

    /// The AIX macro name, e.g. `ENOSPC`, or the number when it has none aixsim knows.
    public var name: String { Self.names[rawValue]?.0 ?? "errno \(rawValue)" }

    /// AIX's short wording of the error.
    public var meaning: String { Self.names[rawValue]?.1 ?? "unknown error" }

    public var description: String { "\(name) (\(rawValue), \(meaning))" }

    public static func ~= (pattern: AIXErrno, value: any Error) -> Bool {
        (value as? AIXErrno) == pattern
    }
}
