/* expect: findings lock-interrupt-unsafe; with --run-for 20ms */
/* The timer handler takes dev_lock with disable_lock, but process code takes it with plain
   simple_lock: an interrupt arriving inside that section would spin for ever. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/pin.h>

Simple_lock dev_lock;
static struct trb *t;
static int pending;

static void dev_timer(struct trb *me)
{
    int old = disable_lock(INTTIMER, &dev_lock);
    pending = 0;
    unlock_enable(old, &dev_lock);
}

int irq_unsafe_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        tstop(t); tfree(t);
        lock_free(&dev_lock);
        unpincode(irq_unsafe_entry);
        return 0;
    }
    pincode(irq_unsafe_entry);
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    simple_lock(&dev_lock);
    pending = 1;
    simple_unlock(&dev_lock);
    t = talloc();
    t->func = dev_timer;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 10000000;
    tstart(t);
    return 0;
}
