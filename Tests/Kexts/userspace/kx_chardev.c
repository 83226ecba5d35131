/* expect: ok; with --user ../../UserPrograms/kx_chardev.json */
/*
 * A character device driver: devswadd at CFG_INIT under major 30, devswdel at CFG_TERM.
 * write stores the user's bytes in a kernel buffer through uiomove, read hands them back
 * through uiomove, ioctl KX_COUNT copies the byte count out to the user's int, KX_RESET
 * empties the buffer. The user program opens 30,0 and drives it.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>

#define KX_MAJOR 30
#define KX_COUNT 1
#define KX_RESET 2

static char data[64];
static int used;
static int opens;

static int kx_open(dev_t devno, ulong devflag, chan_t chan, int ext)
{
    if (minor(devno) != 0)
        return ENXIO;
    opens++;
    return 0;
}

static int kx_close(dev_t devno, chan_t chan, int ext)
{
    opens--;
    return 0;
}

static int kx_write(dev_t devno, struct uio *uiop, chan_t chan, int ext)
{
    int n = uiop->uio_resid;
    if (n > (int)sizeof data - used)
        return ENOSPC;
    if (uiomove(data + used, n, UIO_WRITE, uiop) != 0)
        return EFAULT;
    used += n;
    return 0;
}

static int kx_read(dev_t devno, struct uio *uiop, chan_t chan, int ext)
{
    int n = uiop->uio_resid < used ? (int)uiop->uio_resid : used;
    return uiomove(data, n, UIO_READ, uiop);
}

static int kx_ioctl(dev_t devno, int cmd, long arg, ulong devflag, chan_t chan, int ext)
{
    switch (cmd) {
    case KX_COUNT:
        return copyout(&used, (void *)arg, sizeof used);
    case KX_RESET:
        used = 0;
        return 0;
    default:
        return EINVAL;
    }
}

static struct devsw kx_devsw = {
    .d_open = kx_open, .d_close = kx_close, .d_read = kx_read,
    .d_write = kx_write, .d_ioctl = kx_ioctl,
};

int kx_chardev_entry(int cmd, struct uio *uiop)
{
    dev_t devno = makedev(KX_MAJOR, 0);
    uint status = 0;
    if (cmd == CFG_INIT) {
        int rc = devswadd(devno, &kx_devsw);
        if (rc != 0)
            return rc;
        if (devswqry(devno, &status, NULL) != 0 || !(status & DSW_DEFINED))
            return EINVAL;
        return 0;
    }
    if (cmd == CFG_TERM)
        return devswdel(devno);
    return EINVAL;
}
