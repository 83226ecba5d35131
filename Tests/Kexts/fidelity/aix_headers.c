/* expect: ok */
/* Every AIX header a kext commonly includes, with AIX 5.3's values and 64-bit kernel widths. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/pri.h>
#include <sys/user.h>
#include <sys/lockl.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/inttypes.h>
#include <sys/limits.h>
#include <sys/conf.h>
#include <sys/priv.h>
#include <sys/xmem.h>
#include <sys/signal.h>
#include <sys/ioacc.h>
#include <sys/trchkid.h>
#include <sys/trcmacros.h>
#include <sys/time.h>
#include <sys/param.h>
#include <sys/sysmacros.h>
#include <sys/malloc.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>

_Static_assert(sizeof(int32long64_t) == 8, "int32long64_t");
_Static_assert(sizeof(pid_t) == 8 && sizeof(tid_t) == 8 && sizeof(vmkey_t) == 8, "ids");
_Static_assert(sizeof(flags_t) == 8 && sizeof(vmsize_t) == 8, "flags_t");
_Static_assert(sizeof(u_int64) == 8 && sizeof(int32) == 4 && sizeof(u_int16) == 2, "inttypes");
_Static_assert(sizeof(struct iovec) == 16, "iovec");
_Static_assert(ETIMEDOUT == 78 && ENOSYS == 109 && ENOTSUP == 124 && EOVERFLOW == 127, "errno");
_Static_assert(EWOULDBLOCK == EAGAIN && EAGAIN == 11, "EWOULDBLOCK");
_Static_assert(EDEADLK == 45 && ENOLCK == 49 && EINPROGRESS == 55 && ERESTART == 82, "errno");
_Static_assert(ENOTEMPTY == 87 && ECANCELED == 117 && EILSEQ == 116, "errno");
_Static_assert(INT_MAX == 2147483647 && LONG_MAX == 9223372036854775807L, "limits");
_Static_assert(SIGKILL == 9 && SIGSEGV == 11 && SIGUSR1 == 30 && SIGCHLD == 20, "AIX signals");
_Static_assert(HZ == 100 && NBPG == 4096, "param");

int aix_headers_entry(int cmd, struct uio *uiop)
{
    struct devsw dsw;
    struct xmem xm;
    dev_t dev = makedev(12, 3);
    char *p;

    TRCHKL2(HKWD_USER1, cmd, 0);
    if (cmd != CFG_INIT)
        return 0;
    memset(&dsw, 0, sizeof dsw);
    xm.aspace_id = XMEM_INVAL;
    if (major(dev) != 12 || minor(dev) != 3 || xm.aspace_id != XMEM_INVAL)
        return EINVAL;
    p = malloc(64);
    if (p == NULL)
        return ENOMEM;
    strcpy(p, "xmalloc through malloc");
    printf("%s\n", p);
    free(p);
    return 0;
}
