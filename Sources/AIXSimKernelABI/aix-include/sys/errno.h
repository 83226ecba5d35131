/*
 * <sys/errno.h>: error numbers with AIX 5.3's values. Self-contained on purpose: AIX numbers
 * past ERANGE differ from Linux's, so the host's header is not pulled in.
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
#define ENAMETOOLONG 86 /* file name too long */

/* setuerror and getuerror: only kernel code has them (a user program's errno.h has no services). */
#ifdef _KERNEL
#include <sys/types.h>
#undef AIXSIM_WANT_sys_errno
#define AIXSIM_WANT_sys_errno(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_errno
#define AIXSIM_WANT_sys_errno(x)
#endif

#endif
