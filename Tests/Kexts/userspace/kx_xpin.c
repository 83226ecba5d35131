/* expect: ok; with --user ../../UserPrograms/kx_xpin.json */
/*
 * xmempin and xmemunpin on a user buffer attached with xmattach: pinning inside the attached
 * range works, outside it is EFAULT, unpinning what is not pinned is EINVAL, and a descriptor
 * after xmdetach pins nothing (EFAULT). The system call returns 0 when every result is AIX's.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/xmem.h>
#include <sys/device.h>

int kx_xpin(char *ubuf, int len)
{
    struct xmem xd = { .aspace_id = XMEM_INVAL };
    if (xmattach(ubuf, len, &xd, USER_ADSPACE) != XMEM_SUCC) return 1;
    if (xmempin(ubuf, len, &xd) != 0) return 2;
    if (xmempin(ubuf + len, 8, &xd) != EFAULT) return 3;
    if (xmemunpin(ubuf, len, &xd) != 0) return 4;
    if (xmemunpin(ubuf, len, &xd) != EINVAL) return 5;
    if (xmempin(ubuf, 0, &xd) != EINVAL) return 6;
    if (xmdetach(&xd) != XMEM_SUCC) return 7;
    if (xmempin(ubuf, len, &xd) != EFAULT) return 8;
    return 0;
}

int kx_xpin_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
