/* expect: ok; with --data hello */
/* pinu and unpinu as a 64-bit AIX kext calls them: <sys/uio.h> does not declare them there, so
   the calls are implicit declarations. UIO_USERSPACE names the calling process's buffer; a
   kernel (global memory) address passed that way has no translation there: EFAULT. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

int
pinu_kernel_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    ulong region;
    caddr_t user;
    int len, rc;

    if (cmd == CFG_TERM || uiop == 0)
        return 0;
    user = uiop->uio_iov->iov_base;
    len = uiop->uio_iov->iov_len;
    rc = pinu(user, len, UIO_USERSPACE);
    printf("user %d %d\n", rc, unpinu(user, len, UIO_USERSPACE));
    vm_galloc(V_WORKING, 4096, &region);
    printf("kernel as user %d (EFAULT %d)\n", pinu((caddr_t)region, 4096, UIO_USERSPACE), EFAULT);
    rc = pinu((caddr_t)region, 4096, UIO_SYSSPACE);
    printf("kernel as system %d %d\n", rc, unpinu((caddr_t)region, 4096, UIO_SYSSPACE));
    vm_gfree(region, 4096);
    return 0;
}
