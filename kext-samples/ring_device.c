/*
 * ring_device: a character device driver, reached from a user program through the device
 * switch table, with the two halves a real driver has.
 *
 * CFG_INIT takes a ring buffer from the pinned heap (interrupt-level code may only touch
 * pinned memory), pins its interrupt handler's code, registers the handler for bus level 5
 * and adds the driver's entry points to the device switch table under major 42.
 *
 *   write   copies the user's bytes into the ring (uiomove from a UIO_USERSPACE uio)
 *   read    copies the ring back out to the user's buffer (uiomove)
 *   ioctl   RING_FILL_ASYNC: attaches the user's buffer (xmattach) and returns at once; the
 *           next device interrupt copies the ring into it (xmemout) and detaches (xmdetach),
 *           with no user process current, which copyout could not do.
 *           RING_STATUS: copies how many asynchronous fills completed out to the user's int.
 *
 * Try: aixsim load ring_device --user kext-samples/ring_device.user.json
 *  or: aixsim load ring_device --user kext-samples/user-programs/ring_device.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/malloc.h>
#include <sys/xmem.h>
#include <sys/device.h>

#define RING_MAJOR      42
#define RING_BYTES      64
#define RING_FILL_ASYNC 1
#define RING_STATUS     2
#define FILL_BYTES      16

static char *ring;                  /* pinned: the interrupt handler reads it */
static int ring_used;
static struct intr device;
static struct xmem fill_xd = { .aspace_id = XMEM_INVAL };
static char *fill_target;           /* a user address, usable only through fill_xd */
static int fills_done;

/* Bottom half: at interrupt level no process is current, so only cross-memory reaches the
   buffer the top half attached. */
static int ring_interrupt(struct intr *i)
{
    if (fill_xd.aspace_id == XMEM_INVAL)
        return INTR_FAIL;
    if (xmemout(ring, fill_target, FILL_BYTES, &fill_xd) == XMEM_SUCC)
        fills_done++;
    xmdetach(&fill_xd);
    return INTR_SUCC;
}

static int ring_open(dev_t devno, ulong devflag, chan_t chan, int ext)
{
    return minor(devno) == 0 ? 0 : ENXIO;
}

static int ring_close(dev_t devno, chan_t chan, int ext)
{
    return 0;
}

static int ring_write(dev_t devno, struct uio *uiop, chan_t chan, int ext)
{
    int n = uiop->uio_resid;
    if (n > RING_BYTES - ring_used)
        return ENOSPC;
    if (uiomove(ring + ring_used, n, UIO_WRITE, uiop) != 0)
        return EFAULT;
    ring_used += n;
    return 0;
}

static int ring_read(dev_t devno, struct uio *uiop, chan_t chan, int ext)
{
    int n = uiop->uio_resid < ring_used ? (int)uiop->uio_resid : ring_used;
    return uiomove(ring, n, UIO_READ, uiop);
}

static int ring_ioctl(dev_t devno, int cmd, long arg, ulong devflag, chan_t chan, int ext)
{
    switch (cmd) {
    case RING_FILL_ASYNC:
        if (xmattach((char *)arg, FILL_BYTES, &fill_xd, USER_ADSPACE) != XMEM_SUCC)
            return EFAULT;
        fill_target = (char *)arg;
        return 0;
    case RING_STATUS:
        return copyout(&fills_done, (void *)arg, sizeof fills_done);
    default:
        return EINVAL;
    }
}

static struct devsw ring_devsw = {
    .d_open = ring_open, .d_close = ring_close, .d_read = ring_read,
    .d_write = ring_write, .d_ioctl = ring_ioctl,
};

int ring_device_entry(int cmd, struct uio *uiop)
{
    dev_t devno = makedev(RING_MAJOR, 0);
    int rc;
    if (cmd == CFG_INIT) {
        ring = xmalloc(RING_BYTES, 3, pinned_heap);
        if (ring == NULL)
            return ENOMEM;
        device.handler = ring_interrupt;
        device.level = 5;
        device.priority = INTCLASS2;
        pincode((int (*)())ring_interrupt);
        if ((rc = i_init(&device)) != 0)
            return rc;
        return devswadd(devno, &ring_devsw);
    }
    if (cmd == CFG_TERM) {
        if ((rc = devswdel(devno)) != 0)
            return rc;
        i_clear(&device);
        unpincode((int (*)())ring_interrupt);
        xmfree(ring, pinned_heap);
        return 0;
    }
    return EINVAL;
}
