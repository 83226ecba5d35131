/* expect: findings device-switch-entry */
/* A driver that adds its device switch entry at CFG_INIT and forgets devswdel at CFG_TERM. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

static int kx_open(dev_t devno, ulong devflag, chan_t chan, int ext) { return 0; }

static struct devsw kx_devsw = { .d_open = kx_open };

int kx_devleak_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        int again;
        if (devswadd(makedev(40, 0), &kx_devsw) != 0)
            return EINVAL;
        /* A second driver (or a second load) on the same major number is refused. */
        again = devswadd(makedev(40, 1), &kx_devsw);
        return again == EEXIST ? 0 : EINVAL;
    }
    return 0;
}
