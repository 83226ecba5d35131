/* expect: crash dsi */
/* A uio whose user-space buffer is not mapped: uiomove returns EFAULT; a system-space one crashes. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/uio.h>

int uio_bad_user_entry(int cmd, struct uio *uiop)
{
    char buf[16];
    struct iovec v = { (void *)0x1000, 16 };
    struct uio u = {0};
    if (cmd != CFG_INIT)
        return 0;
    u.uio_iov = &v;
    u.uio_iovcnt = 1;
    u.uio_resid = 16;
    u.uio_segflg = UIO_USERSPACE;
    int rc = uiomove(buf, 16, UIO_WRITE, &u);
    if (rc != EFAULT)
        return EIO;
    u.uio_segflg = UIO_SYSSPACE;
    return uiomove(buf, 16, UIO_WRITE, &u);   /* kernel memory: a DSI */
}
