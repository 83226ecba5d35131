/* expect: ok */
/*
 * copyin at CFG_INIT, with no user process making a system call: there is no user address
 * space to copy from, so it fails with EFAULT (as fubyte fails with -1), and nothing crashes.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/device.h>

static char some_user_data[8];

int kx_noproc_entry(int cmd, struct uio *uiop)
{
    char k[8];
    if (cmd != CFG_INIT)
        return 0;
    if (copyin(some_user_data, k, sizeof k) != EFAULT)
        return EINVAL;
    if (fubyte((uchar *)some_user_data) != -1)
        return EINVAL;
    return 0;
}
