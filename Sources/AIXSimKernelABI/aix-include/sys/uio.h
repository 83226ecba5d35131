/* <sys/uio.h>: struct uio and uiomove, as AIX 5.3 defines them for kernel extensions. */
#ifndef AIXSIM_SYS_UIO_H
#define AIXSIM_SYS_UIO_H

#include <sys/types.h>

/* One contiguous piece of a uio's data. */
struct iovec {
    caddr_t iov_base;
    long iov_len;
};

/* Address spaces a uio or pinu buffer can live in. */
#define UIO_USERSPACE  0
#define UIO_SYSSPACE   1
#define UIO_USERISPACE 2
#define UIO_XMEM       3
#define USER_ADSPACE   UIO_USERSPACE
#define SYS_ADSPACE    UIO_SYSSPACE
#define USERI_ADSPACE  UIO_USERISPACE

/* Direction of a uiomove: UIO_READ copies to the uio's buffers, UIO_WRITE from them. */
typedef enum uio_rw { UIO_READ, UIO_WRITE, UIO_READ_NO_MOVE, UIO_WRITE_NO_MOVE, UIO_PWRITE } uio_rw_t;

#undef AIXSIM_WANT_sys_uio
#define AIXSIM_WANT_sys_uio(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_uio
#define AIXSIM_WANT_sys_uio(x)

/* pinu and unpinu: AIX 5.3 declares them for the 32-bit kernel only. A 64-bit kext (every aixsim
   kext) that calls them gets an implicit declaration, as on AIX, and still reaches the service. */
#ifndef __64BIT_KERNEL
#undef AIXSIM_WANT_sys_uio_32
#define AIXSIM_WANT_sys_uio_32(x) x
#include <aixsim/kernex_emit.h>
#undef AIXSIM_WANT_sys_uio_32
#define AIXSIM_WANT_sys_uio_32(x)
#endif

#endif
