/*
 * The kernel-services table: the binary contract between aixsim and a kext.
 *
 * A kext never links against aixsim. Each AIX service it calls by name is an inline wrapper
 * (generated from kernex.def) that jumps through the table this kext was given at load; the
 * loader fills one table per kext, so every call is attributed to the kext that made it.
 * The table and each kext carry AIXSIM_KERNEL_ABI_VERSION; a mismatch is refused at load.
 */
#ifndef AIXSIM_KERNEL_ABI_H
#define AIXSIM_KERNEL_ABI_H

#include <stdarg.h>
#include <stdint.h>

#define AIXSIM_KERNEL_ABI_VERSION 1

struct uio;
struct iovec;
struct label_t;

/*
 * struct uio as AIX 5.3 lays it out for the 64-bit kernel: a list of iovecs in some address
 * space (uio_segflg), a file offset and the bytes still to move (uio_resid). Defined here, not
 * in <sys/uio.h>, so aixsim (which builds one for `--data`) and kexts share one definition.
 */
struct uio {
    struct iovec *uio_iov;  /* the iovec array */
    void *uio_xmem;         /* struct xmem *: cross-memory descriptors, unused by aixsim */
    long uio_iovcnt;        /* iovecs in the array */
    long uio_iovdcnt;       /* iovecs already done */
    long long uio_offset;   /* file offset */
    long uio_resid;         /* bytes remaining */
    short uio_segflg;       /* UIO_USERSPACE, UIO_SYSSPACE, ... */
    long uio_fmode;         /* file mode flags */
};

/*
 * struct intr as AIX 5.3 <sys/intr.h> lays it out: one interrupt handler registered with i_init
 * (or scheduled with i_sched, for off-level handlers).
 */
struct intr {
    struct intr *next;                  /* chain of handlers on one level (the kernel's) */
    int (*handler)(struct intr *);      /* returns INTR_SUCC if it serviced the interrupt */
    unsigned short bus_type;            /* BUS_NONE, BUS_PLANAR, ... */
    unsigned short flags;               /* INTR_NOT_SHARED, INTR_MPSAFE, ... */
    int level;                          /* bus interrupt level */
    int priority;                       /* interrupt priority the handler runs at */
    unsigned long bid;                  /* bus identifier */
    unsigned long i_count;              /* interrupts taken (kept by the kernel) */
};

/* struct err_rec of <sys/errids.h>: errsave reads it, so the table only names it. */
struct err_rec;

/* struct timestruc_t and itimerstruc_t: seconds and nanoseconds, as <sys/time.h> has them. */
struct aixsim_timestruc { long tv_sec; long tv_nsec; };
struct aixsim_itimerstruc { struct aixsim_timestruc it_interval; struct aixsim_timestruc it_value; };

/*
 * struct trb, the timer request block of <sys/timer.h>, laid out as AIX 5.3's 64-bit kernel has
 * it (bos530 sys/timer.h: to_next first, eventlist a tid_t, 120 bytes). A kext sets flags,
 * timeout, func, t_union and ipri between talloc and tstart; the kernel keeps the rest.
 */
struct trb {
    struct trb *to_next;                /* chain of the timeout() entries */
    struct trb *knext;                  /* kernel chain */
    struct trb *kprev;
    unsigned long id;                   /* owning process; -1 for device drivers */
    short cpunum;                       /* cpu_t */
    unsigned short flags;               /* T_INCINTERVAL or T_ABSOLUTE, and the kernel's T_PENDING ... */
    unsigned long timerid;
    long eventlist;                     /* tid_t: anchor for a thread waiting on this timer */
    struct aixsim_itimerstruc timeout;  /* it_value: when the handler runs */
    void (*func)(struct trb *);         /* the handler, called at interrupt level */
    union { unsigned long data; int sdata; char *addr; } t_union;
    int ipri;                           /* priority the handler runs at, INTTIMER or more favoured */
    void (*tof)(void);
};
_Static_assert(sizeof(struct trb) == 120, "AIX 5.3's 64-bit struct trb is 120 bytes");

/*
 * struct watchdog of <sys/watchdog.h>, in the field order AIX's header gives it (bos411
 * sys/watchdog.h; IBM's w_init page names the same five fields): the kernel chains registered
 * watchdogs through next/prev and decrements count once a second; func runs when it reaches 0.
 */
struct watchdog {
    struct watchdog *next;              /* the kernel's chain: NULL before w_init */
    struct watchdog *prev;
    void (*func)();                     /* called as func(w) in the interrupt environment */
    unsigned long count;                /* seconds left; 0: stopped */
    unsigned long restart;              /* what w_start sets count to */
};

/*
 * struct devsw as AIX 5.3 <sys/device.h> lays it out: one device driver's entry points in the
 * device switch table, registered with devswadd under a major number. The entry points are
 * declared without prototypes, as on AIX, since each has its own parameter list:
 *   d_open(dev_t devno, ulong devflag, chan_t chan, int ext)
 *   d_close(dev_t devno, chan_t chan, int ext)
 *   d_read/d_write(dev_t devno, struct uio *uiop, chan_t chan, int ext)
 *   d_ioctl(dev_t devno, int cmd, long arg, ulong devflag, chan_t chan, int ext)
 */
struct devsw {
    int (*d_open)();
    int (*d_close)();
    int (*d_read)();
    int (*d_write)();
    int (*d_ioctl)();
    int (*d_strategy)();
    struct tty *d_ttys;
    int (*d_select)();
    int (*d_config)();
    int (*d_print)();
    int (*d_dump)();
    int (*d_mpx)();
    int (*d_revoke)();
    char *d_dsdptr;         /* device-dependent data, returned by devswqry */
    char *d_selptr;
    unsigned long d_opts;
};

/*
 * struct xmem, the cross-memory descriptor of <sys/xmem.h>: filled by xmattach, read by
 * xmemin/xmemout, reset by xmdetach. aspace_id says which address space it describes
 * (XMEM_INVAL before xmattach and after xmdetach); the rest is the kernel's.
 */
struct xmem {
    int aspace_id;          /* XMEM_INVAL, XMEM_PROC or XMEM_GLOBAL */
    short xm_flag;
    short xm_version;
    char *subspace_id;      /* the kernel's handle on the attachment */
    char *subspace_id2;
    void *xm_private;
};

/* Where a service may be called from; values are bit sets of AIXSIM_ENV_IN_*. */
enum aixsim_environment {
    AIXSIM_ENV_IN_PROCESS = 1,
    AIXSIM_ENV_IN_INTERRUPT = 2,
    AIXSIM_ENV_IN_INTERRUPT_FOR_SYSTEM_SPACE = 4,
    AIXSIM_ENV_AT_RAISED_PRIORITY = 8,
    AIXSIM_ENV_PROCESS = 1,
    AIXSIM_ENV_PROCESS_OR_INTERRUPT = 3,
    AIXSIM_ENV_PROCESS_OR_SYSTEM_SPACE_INTERRUPT = 5,
    AIXSIM_ENV_PROCESS_EVEN_DISABLED = 9,
};

#include "aixsim/kernex_ctypes.h"

struct aixsim_kernel_services {
    uint32_t abi_version;
    uint32_t service_count;
#define AIXSIM_EXPORT(hdr, name, ret, sig, params, args, env) ret (*name) params;
#define AIXSIM_EXPORT_VA(hdr, name, ret, sig, params, vparams, last, env) ret (*name) vparams;
#define AIXSIM_EXPORT_VOID(hdr, name, sig, params, args, env) void (*name) params;
#include "aixsim/kernex.def"
#undef AIXSIM_EXPORT
#undef AIXSIM_EXPORT_VA
#undef AIXSIM_EXPORT_VOID
};

#include "aixsim/kernex_ctypes_end.h"

/* One exported service as aixsim sees it: derived from kernex.def by exports.c. */
struct aixsim_export {
    const char *name;
    const char *header;     /* the AIX header that declares it, e.g. "sys/vmuser.h" */
    const char *prototype;  /* its C prototype with AIX type names */
    const char *signature;  /* libffi signature, see kernex.def */
    uint32_t environments;  /* enum aixsim_environment */
    uint32_t table_offset;  /* offset of its entry in struct aixsim_kernel_services */
    int variadic;           /* the table entry takes a va_list for the "..." */
};

/* The export list, in table order. */
uint32_t aixsim_export_count(void);
const struct aixsim_export *aixsim_export_at(uint32_t index);

static inline uint32_t aixsim_kernel_abi_version(void) { return AIXSIM_KERNEL_ABI_VERSION; }
static inline uint32_t aixsim_kernel_services_size(void) {
    return (uint32_t)sizeof(struct aixsim_kernel_services);
}

#endif
