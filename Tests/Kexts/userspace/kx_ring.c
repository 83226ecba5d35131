/* expect: ok; with --user ../../UserPrograms/kx_ring.json */
/*
 * Cross-memory the way a driver's two halves use it: the system call (top half) attaches the
 * user's buffer with xmattach and returns; the interrupt handler (bottom half), running when no
 * user process is current, fills it from a pinned ring with xmemout and detaches. A later
 * xmemout through the detached descriptor fails with EFAULT, as AIX's does (XMEM_INVAL).
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/intr.h>
#include <sys/malloc.h>
#include <sys/xmem.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <string.h>

static struct intr handler;
static struct xmem xd = { .aspace_id = XMEM_INVAL };
static char *ring;          /* pinned: the interrupt handler reads it */
static char *user_buffer;   /* the user's address, meaningful only through xd */
static int wanted;
static int delivered;

static int kx_ring_interrupt(struct intr *i)
{
    if (xd.aspace_id == XMEM_INVAL)
        return INTR_FAIL;
    if (xmemout(ring, user_buffer, wanted, &xd) == XMEM_SUCC)
        delivered += wanted;
    xmdetach(&xd);
    return INTR_SUCC;
}

/* Top half: remember where the data goes; the interrupt delivers it. */
int kx_ring_read(char *ubuf, int len)
{
    if (len <= 0 || len > 32) {
        setuerror(EINVAL);
        return -1;
    }
    if (xmattach(ubuf, len, &xd, USER_ADSPACE) != XMEM_SUCC) {
        setuerror(EFAULT);
        return -1;
    }
    user_buffer = ubuf;
    wanted = len;
    return 0;
}

/* The bug the descriptor catches: using it after xmdetach. Returns xmemout's result. */
int kx_ring_late(void)
{
    int rc = xmemout(ring, user_buffer, wanted, &xd);
    if (rc != XMEM_SUCC) {
        setuerror(rc);
        return -1;
    }
    return 0;
}

int kx_ring_delivered(void)
{
    return delivered;
}

int kx_ring_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        ring = xmalloc(32, 3, pinned_heap);
        if (ring == NULL)
            return ENOMEM;
        memcpy(ring, "data from the device ring......", 32);
        handler.handler = kx_ring_interrupt;
        handler.level = 5;
        handler.priority = INTCLASS3;
        pincode((int (*)())kx_ring_interrupt);
        return i_init(&handler);
    }
    if (cmd == CFG_TERM) {
        i_clear(&handler);
        unpincode((int (*)())kx_ring_interrupt);
        xmfree(ring, pinned_heap);
        return 0;
    }
    return EINVAL;
}
