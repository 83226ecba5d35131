/* expect: ok; with --user ../../UserPrograms/kx_xmsched.json */
/*
 * The classic driver pattern with an off-level bottom half. The system call (top half) attaches
 * the user's buffer (xmattach, USER_ADSPACE) and pins the driver's kernel staging buffer through
 * a system-space descriptor (xmempin, process environment only). The device interrupt copies
 * into the staging buffer and schedules the off-level handler with i_sched; that handler, with
 * no process current, moves the data to the user with xmemout, unpins the staging buffer with
 * xmemunpin (allowed at interrupt level for system-space data) and ends the attachment with
 * xmdetach. The user's buffer is never touched directly.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/xmem.h>
#include <sys/pin.h>
#include <sys/malloc.h>
#include <sys/device.h>
#include <string.h>

static struct intr device;        /* the adapter's interrupt, level 5 */
static struct intr offlevel;      /* the bottom half, scheduled by the device interrupt */
static struct xmem user_xd = { .aspace_id = XMEM_INVAL };
static struct xmem staging_xd = { .aspace_id = XMEM_INVAL };
static char *staging;             /* kernel_heap: pinned only while a transfer is under way */
static char *user_buffer;
static int wanted;
static int delivered;
static int unpinned;

static int kx_xmsched_bottom(struct intr *i)
{
    if (user_xd.aspace_id == XMEM_INVAL)
        return INTR_FAIL;
    if (xmemout(staging, user_buffer, wanted, &user_xd) == XMEM_SUCC)
        delivered += wanted;
    if (xmemunpin(staging, wanted, &staging_xd) == 0)
        unpinned = 1;
    xmdetach(&staging_xd);
    xmdetach(&user_xd);
    return INTR_SUCC;
}

static int kx_xmsched_interrupt(struct intr *i)
{
    memcpy(staging, "sampled by the adapter, moved off-level", 40);
    i_sched(&offlevel);
    return INTR_SUCC;
}

/* Top half: attach the user's buffer and pin the staging area for the transfer. */
int kx_xmsched_read(char *ubuf, int len)
{
    if (len <= 0 || len > 64) {
        setuerror(EINVAL);
        return -1;
    }
    if (xmattach(ubuf, len, &user_xd, USER_ADSPACE) != XMEM_SUCC) {
        setuerror(EFAULT);
        return -1;
    }
    if (xmattach(staging, len, &staging_xd, SYS_ADSPACE) != XMEM_SUCC
        || xmempin(staging, len, &staging_xd) != 0) {
        xmdetach(&user_xd);
        setuerror(ENOMEM);
        return -1;
    }
    user_buffer = ubuf;
    wanted = len;
    return 0;
}

/* Completion status: bytes delivered, plus 1000 once the staging buffer was unpinned. */
int kx_xmsched_status(void)
{
    return delivered + (unpinned ? 1000 : 0);
}

int kx_xmsched_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        staging = xmalloc(64, 3, kernel_heap);
        if (staging == NULL)
            return ENOMEM;
        pincode((int (*)())kx_xmsched_interrupt);
        INIT_OFFL1(&offlevel, kx_xmsched_bottom, 0);
        device.handler = kx_xmsched_interrupt;
        device.level = 5;
        device.priority = INTCLASS3;
        return i_init(&device);
    }
    if (cmd == CFG_TERM) {
        i_clear(&device);
        unpincode((int (*)())kx_xmsched_interrupt);
        xmfree(staging, kernel_heap);
        return 0;
    }
    return EINVAL;
}
