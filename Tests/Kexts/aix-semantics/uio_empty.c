/* expect: ok */
/* uiomove of a uio with nothing left in it (uio_resid 0, or no iovecs) is an error on AIX,
   not a move of nothing. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <stdio.h>

static char buf[16], src[16] = "abc";

int
uio_empty_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    struct iovec v;
    struct uio u;

    if (cmd == CFG_TERM)
        return 0;
    v.iov_base = src;
    v.iov_len = 3;
    bzero(&u, sizeof u);
    u.uio_iov = &v;
    u.uio_iovcnt = 1;
    u.uio_segflg = UIO_SYSSPACE;
    u.uio_resid = 0;
    printf("resid 0: %d\n", uiomove(buf, 3, UIO_WRITE, &u) == EINVAL);
    u.uio_resid = 3;
    u.uio_iovcnt = 0;
    printf("iovcnt 0: %d\n", uiomove(buf, 3, UIO_WRITE, &u) == EINVAL);
    u.uio_iovcnt = 1;
    printf("full: %d %s\n", uiomove(buf, 3, UIO_WRITE, &u), buf);
    return 0;
}
