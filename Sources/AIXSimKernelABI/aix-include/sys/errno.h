/*
 * <sys/errno.h>: error numbers with AIX 5.3's values. Self-contained on purpose: AIX numbers
 * past ERANGE differ from Linux's (ETIMEDOUT is 78, not 110), so the host's header is never
 * pulled in. Sources/VMM/AIXErrno.swift carries the numbers aixsim's services return.
 */
#ifndef AIXSIM_SYS_ERRNO_H
#define AIXSIM_SYS_ERRNO_H

#define EPERM   1   /* operation not permitted */
#define ENOENT  2   /* no such file or directory */
#define ESRCH   3   /* no such process */
#define EINTR   4   /* interrupted system call */
#define EIO     5   /* I/O error */
#define ENXIO   6   /* no such device or address */
#define E2BIG   7   /* argument list too long */
#define ENOEXEC 8   /* exec format error */
#define EBADF   9   /* bad file descriptor */
#define ECHILD  10  /* no child processes */
#define EAGAIN  11  /* resource temporarily unavailable */
#define ENOMEM  12  /* not enough space */
#define EACCES  13  /* permission denied */
#define EFAULT  14  /* bad address */
#define ENOTBLK 15  /* block device required */
#define EBUSY   16  /* resource busy */
#define EEXIST  17  /* file exists */
#define EXDEV   18  /* improper link */
#define ENODEV  19  /* no such device */
#define ENOTDIR 20  /* not a directory */
#define EISDIR  21  /* is a directory */
#define EINVAL  22  /* invalid argument */
#define ENFILE  23  /* too many open files in the system */
#define EMFILE  24  /* too many open files */
#define ENOTTY  25  /* inappropriate I/O control operation */
#define ETXTBSY 26  /* text file busy */
#define EFBIG   27  /* file too large */
#define ENOSPC  28  /* no space left on device */
#define ESPIPE  29  /* invalid seek */
#define EROFS   30  /* read-only file system */
#define EMLINK  31  /* too many links */
#define EPIPE   32  /* broken pipe */
#define EDOM    33  /* domain error within math function */
#define ERANGE  34  /* result too large */
#define ENOMSG  35  /* no message of desired type */
#define EIDRM   36  /* identifier removed */
#define ECHRNG  37  /* channel number out of range */
#define EL2NSYNC 38 /* level 2 not synchronized */
#define EL3HLT  39  /* level 3 halted */
#define EL3RST  40  /* level 3 reset */
#define ELNRNG  41  /* link number out of range */
#define EUNATCH 42  /* protocol driver not attached */
#define ENOCSI  43  /* no CSI structure available */
#define EL2HLT  44  /* level 2 halted */
#define EDEADLK 45  /* resource deadlock avoided */
#define ENOTREADY 46   /* device not ready */
#define EWRPROTECT 47  /* write-protected media */
#define EFORMAT 48  /* unformatted media */
#define ENOLCK  49  /* no locks available */
#define ENOCONNECT 50  /* no connection */
#define ESTALE  52  /* stale file handle */
#define EDIST   53  /* distributed file system error */
/* AIX kernel code is built with _ALL_SOURCE, where the BSD name is EAGAIN's number. */
#define EWOULDBLOCK EAGAIN
#define EINPROGRESS 55  /* operation now in progress */
#define EALREADY 56     /* operation already in progress */
#define ENOTSOCK 57     /* not a socket */
#define EDESTADDRREQ 58 /* destination address required */
#define EMSGSIZE 59     /* message too long */
#define EPROTOTYPE 60   /* wrong protocol type for socket */
#define ENOPROTOOPT 61  /* protocol not available */
#define EPROTONOSUPPORT 62 /* protocol not supported */
#define ESOCKTNOSUPPORT 63 /* socket type not supported */
#define EOPNOTSUPP 64   /* operation not supported on socket */
#define EPFNOSUPPORT 65 /* protocol family not supported */
#define EAFNOSUPPORT 66 /* address family not supported */
#define EADDRINUSE 67   /* address in use */
#define EADDRNOTAVAIL 68 /* address not available */
#define ENETDOWN 69     /* network down */
#define ENETUNREACH 70  /* network unreachable */
#define ENETRESET 71    /* network dropped connection on reset */
#define ECONNABORTED 72 /* connection aborted */
#define ECONNRESET 73   /* connection reset by peer */
#define ENOBUFS 74      /* no buffer space */
#define EISCONN 75      /* already connected */
#define ENOTCONN 76     /* not connected */
#define ESHUTDOWN 77    /* cannot send after shutdown */
#define ETIMEDOUT 78    /* connection timed out */
#define ECONNREFUSED 79 /* connection refused */
#define EHOSTDOWN 80    /* host down */
#define EHOSTUNREACH 81 /* no route to host */
#define ERESTART 82     /* restart the system call */
#define EPROCLIM 83     /* too many processes */
#define EUSERS  84      /* too many users */
#define ELOOP   85      /* too many levels of symbolic links */
#define ENAMETOOLONG 86 /* file name too long */
#define ENOTEMPTY 87    /* directory not empty */
#define EDQUOT  88      /* disk quota exceeded */
#define ECORRUPT 89     /* invalid file system control data */
#define ESYSERROR 90    /* unrecoverable system error */
#define EREMOTE 93      /* object is remote */
#define ENOSYS  109     /* function not implemented */
#define EMEDIA  110     /* media surface error */
#define ESOFT   111     /* I/O completed, with a recovered error */
#define ENOATTR 112     /* no such attribute */
#define ESAD    113     /* security authentication denied */
#define ENOTRUST 114    /* not a trusted program */
#define ETOOMANYREFS 115 /* too many references */
#define EILSEQ  116     /* invalid wide character */
#define ECANCELED 117   /* operation canceled */
#define ENOSR   118     /* out of STREAMS resources */
#define ETIME   119     /* timer expired */
#define EBADMSG 120     /* not a data message */
#define EPROTO  121     /* protocol error */
#define ENODATA 122     /* no message on stream head read queue */
#define ENOSTR  123     /* not a STREAMS device */
#define ENOTSUP 124     /* operation not supported */
#define EMULTIHOP 125   /* multihop attempted */
#define ENOLINK 126     /* link severed */
#define EOVERFLOW 127   /* value too large for its type */

/* setuerror and getuerror: only kernel code has them (a user program's errno.h has no services). */
#ifdef _KERNEL
/* errno in kernel code: a variable of the kext's own (kernex_stubs.c gives a weak one, a kext's
   own definition replaces it). No kernel service sets it: services return their errors, and a
   system call's error for the user process is setuerror's. */
extern int errno;
#include <sys/types.h>
#undef AIXSIM_WANT_sys_errno
#define AIXSIM_WANT_sys_errno(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_errno
#define AIXSIM_WANT_sys_errno(x)
#endif

#endif
