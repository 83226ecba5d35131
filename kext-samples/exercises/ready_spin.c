/* expect: crash hang; with --watchdog 1s */
/*
 * Exercise ready_spin: a driver registers its interrupt handler, starts the (simulated) adapter,
 * and waits for the handler to say the adapter is ready. The run ends in a crash after a second
 * of host time.
 *
 * Run: swift run aixsim load kext-samples/exercises/ready_spin.c --watchdog 1s
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct intr handler;
static volatile int adapter_ready;

static int ready_interrupt(struct intr *i)
{
    adapter_ready = 1;
    return INTR_SUCC;
}

int ready_spin_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        i_clear(&handler);
        unpincode((int (*)())ready_interrupt);
        return 0;
    }
    handler.handler = ready_interrupt;
    handler.level = 6;
    handler.priority = INTCLASS3;
    pincode((int (*)())ready_interrupt);
    if ((rc = i_init(&handler)) != 0)
        return rc;
    while (!adapter_ready)
        ;       /* the adapter raises its interrupt once it is ready */
    return 0;
}
