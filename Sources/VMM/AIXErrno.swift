/// An AIX error number, as kernel services return them.
///
/// Values are AIX 5.3's (`<sys/errno.h>`); the first 34 coincide with Linux's, the rest do not,
/// which is why kexts get aixsim's own header.
public struct AIXErrno: RawRepresentable, Hashable, Sendable, Error, CustomStringConvertible {
    public var rawValue: Int32
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }

    // The constants are inlinable computed values, not stored ones: a service's error return
    // (taken on every refused call) then costs no accessor call into this module.

    /// Interrupted system call. The corresponding AIX constant is `EINTR`.
    @inlinable public static var interrupted: AIXErrno { AIXErrno(rawValue: 4) }
    /// I/O error. The corresponding AIX constant is `EIO`.
    @inlinable public static var ioError: AIXErrno { AIXErrno(rawValue: 5) }
    /// Not enough memory or backing resources. The corresponding AIX constant is `ENOMEM`.
    @inlinable public static var noMemory: AIXErrno { AIXErrno(rawValue: 12) }
    /// Bad address. The corresponding AIX constant is `EFAULT`.
    @inlinable public static var badAddress: AIXErrno { AIXErrno(rawValue: 14) }
    /// Invalid argument. The corresponding AIX constant is `EINVAL`.
    @inlinable public static var invalidArgument: AIXErrno { AIXErrno(rawValue: 22) }
    /// No space left (for vm_galloc: in the galloc heap's address range). The corresponding AIX
    /// constant is `ENOSPC`.
    @inlinable public static var noSpace: AIXErrno { AIXErrno(rawValue: 28) }

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
        // AIX 5.3 numbers past ERANGE, as <sys/errno.h> has them (EWOULDBLOCK is EAGAIN).
        35: ("ENOMSG", "no message of desired type"), 36: ("EIDRM", "identifier removed"),
        37: ("ECHRNG", "channel number out of range"), 38: ("EL2NSYNC", "level 2 not synchronized"),
        39: ("EL3HLT", "level 3 halted"), 40: ("EL3RST", "level 3 reset"),
        41: ("ELNRNG", "link number out of range"), 42: ("EUNATCH", "protocol driver not attached"),
        43: ("ENOCSI", "no CSI structure available"), 44: ("EL2HLT", "level 2 halted"),
        45: ("EDEADLK", "resource deadlock avoided"), 46: ("ENOTREADY", "device not ready"),
        47: ("EWRPROTECT", "write-protected media"), 48: ("EFORMAT", "unformatted media"),
        49: ("ENOLCK", "no locks available"), 50: ("ENOCONNECT", "no connection"),
        52: ("ESTALE", "stale file handle"), 53: ("EDIST", "distributed file system error"),
        55: ("EINPROGRESS", "operation now in progress"), 56: ("EALREADY", "operation already in progress"),
        57: ("ENOTSOCK", "not a socket"), 58: ("EDESTADDRREQ", "destination address required"),
        59: ("EMSGSIZE", "message too long"), 60: ("EPROTOTYPE", "wrong protocol type for socket"),
        61: ("ENOPROTOOPT", "protocol not available"), 62: ("EPROTONOSUPPORT", "protocol not supported"),
        63: ("ESOCKTNOSUPPORT", "socket type not supported"), 64: ("EOPNOTSUPP", "operation not supported on socket"),
        65: ("EPFNOSUPPORT", "protocol family not supported"), 66: ("EAFNOSUPPORT", "address family not supported"),
        67: ("EADDRINUSE", "address in use"), 68: ("EADDRNOTAVAIL", "address not available"),
        69: ("ENETDOWN", "network down"), 70: ("ENETUNREACH", "network unreachable"),
        71: ("ENETRESET", "network dropped connection on reset"), 72: ("ECONNABORTED", "connection aborted"),
        73: ("ECONNRESET", "connection reset by peer"), 74: ("ENOBUFS", "no buffer space"),
        75: ("EISCONN", "already connected"), 76: ("ENOTCONN", "not connected"),
        77: ("ESHUTDOWN", "cannot send after shutdown"), 78: ("ETIMEDOUT", "connection timed out"),
        79: ("ECONNREFUSED", "connection refused"), 80: ("EHOSTDOWN", "host down"),
        81: ("EHOSTUNREACH", "no route to host"), 82: ("ERESTART", "restart the system call"),
        83: ("EPROCLIM", "too many processes"), 84: ("EUSERS", "too many users"),
        85: ("ELOOP", "too many levels of symbolic links"), 86: ("ENAMETOOLONG", "file name too long"),
        87: ("ENOTEMPTY", "directory not empty"), 88: ("EDQUOT", "disk quota exceeded"),
        89: ("ECORRUPT", "invalid file system control data"), 90: ("ESYSERROR", "unrecoverable system error"),
        93: ("EREMOTE", "object is remote"), 109: ("ENOSYS", "function not implemented"),
        110: ("EMEDIA", "media surface error"), 111: ("ESOFT", "I/O completed, with a recovered error"),
        112: ("ENOATTR", "no such attribute"), 113: ("ESAD", "security authentication denied"),
        114: ("ENOTRUST", "not a trusted program"), 115: ("ETOOMANYREFS", "too many references"),
        116: ("EILSEQ", "invalid wide character"), 117: ("ECANCELED", "operation canceled"),
        118: ("ENOSR", "out of STREAMS resources"), 119: ("ETIME", "timer expired"),
        120: ("EBADMSG", "not a data message"), 121: ("EPROTO", "protocol error"),
        122: ("ENODATA", "no message on stream head read queue"), 123: ("ENOSTR", "not a STREAMS device"),
        124: ("ENOTSUP", "operation not supported"), 125: ("EMULTIHOP", "multihop attempted"),
        126: ("ENOLINK", "link severed"), 127: ("EOVERFLOW", "value too large for its type"),
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
