/* expect: ok; with --interrupt 5 */
/* Clean when the device interrupts after CFG_INIT, as `--interrupt 5` alone raises it. But
 * CFG_INIT registers the handler with i_init before it allocates the buffer the handler
 * fills: an interrupt that arrives between the two (right after i_init, the kext's 2nd service
 * call) finds the buffer pointer NULL, a DSI at interrupt level. A real adapter can interrupt
 * as soon as the handler is registered; allocate first, then i_init.
 * (`aixsim explore intr_before_buffer.c --interrupt 5 --mode arrival`,
 *  `aixsim load intr_before_buffer.c --interrupt 5 --arrival-call 2`) */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct intr device;
static char *samples;
static int count;

static int sample_interrupt(struct intr *i)
{
    samples[count++ % 64] = 1;   /* BUG: may run before samples is set */
    return INTR_SUCC;
}

int intr_before_buffer_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        pincode((int (*)())sample_interrupt);
        device.handler = sample_interrupt;
        device.level = 5;
        device.priority = INTCLASS3;
        if (i_init(&device) != 0)
            return EIO;
        samples = xmalloc(64, 3, pinned_heap);
        if (samples == NULL) {
            i_clear(&device);
            return ENOMEM;
        }
        return 0;
    }
    if (cmd == CFG_TERM) {
        i_clear(&device);
        xmfree(samples, pinned_heap);
        unpincode((int (*)())sample_interrupt);
        return 0;
    }
    return EINVAL;
}
