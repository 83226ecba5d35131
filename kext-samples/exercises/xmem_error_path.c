/* expect: findings xmem-not-detached; with --user xmem_error_path.json */
/*
 * Exercise xmem_error_path: the top half of a capture driver. Its system call attaches the
 * user's buffer for the interrupt handler to fill later, then checks the requested sample rate.
 * The interrupt handler fills the buffer and detaches it. The user program
 * (xmem_error_path.json) asks for a rate the adapter does not support, and gets the EINVAL it
 * expects. The run ends with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/xmem_error_path.c --user kext-samples/exercises/xmem_error_path.json
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

#define MAX_RATE 48000

static struct intr handler;
static struct xmem xd = { .aspace_id = XMEM_INVAL };
static char *samples;       /* pinned: the interrupt handler reads it */
static char *user_buffer;   /* meaningful only through xd */
static int wanted;

static int capture_interrupt(struct intr *i)
{
    if (xd.aspace_id == XMEM_INVAL)
        return INTR_FAIL;
    xmemout(samples, user_buffer, wanted, &xd);
    xmdetach(&xd);
    return INTR_SUCC;
}

/* int capture_start(char *buf, int len, int rate): 0, or -1 with errno. */
int capture_start(char *ubuf, int len, int rate)
{
    if (len <= 0 || len > 32) {
        setuerror(EINVAL);
        return -1;
    }
    if (xmattach(ubuf, len, &xd, USER_ADSPACE) != XMEM_SUCC) {
        setuerror(EFAULT);
        return -1;
    }
    if (rate <= 0 || rate > MAX_RATE) {
        setuerror(EINVAL);
        return -1;
    }
    user_buffer = ubuf;
    wanted = len;
    return 0;
}

int xmem_error_path_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        samples = xmalloc(32, 3, pinned_heap);
        if (samples == NULL)
            return ENOMEM;
        memcpy(samples, "0123456789abcdef0123456789abcde", 32);
        handler.handler = capture_interrupt;
        handler.level = 5;
        handler.priority = INTCLASS3;
        pincode((int (*)())capture_interrupt);
        return i_init(&handler);
    }
    if (cmd == CFG_TERM) {
        i_clear(&handler);
        unpincode((int (*)())capture_interrupt);
        xmfree(samples, pinned_heap);
        return 0;
    }
    return EINVAL;
}
