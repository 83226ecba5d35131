/* expect: crash dsi; with --user ../../UserPrograms/ct_dev_uio_overrun.json */
/* A driver's write entry point appends a second iovec to the uio the write system call passed
   it, whose array has one: the store faults on the guard page after the array, named. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>

#define CT_MAJOR 31

static int ct_open(dev_t devno, ulong devflag, chan_t chan, int ext) { return 0; }
static int ct_close(dev_t devno, chan_t chan, int ext) { return 0; }

static int ct_write(dev_t devno, struct uio *uiop, chan_t chan, int ext)
{
    uiop->uio_iov[1] = uiop->uio_iov[0];
    uiop->uio_iovcnt = 2;
    return 0;
}

static struct devsw ct_devsw = { .d_open = ct_open, .d_close = ct_close, .d_write = ct_write };

int ct_dev_uio_overrun_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        return devswadd(makedev(CT_MAJOR, 0), &ct_devsw);
    if (cmd == CFG_TERM)
        return devswdel(makedev(CT_MAJOR, 0));
    return 0;
}
