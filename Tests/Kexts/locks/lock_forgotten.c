/* expect: crash self-deadlock; with --run-for 20ms */
/* CFG_INIT's error path returns without releasing dev_lock; the timer handler then waits for
   a lock nobody will ever release. */
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

static void dev_timer(struct trb *me)
{
    int old = disable_lock(INTTIMER, &dev_lock);
    unlock_enable(old, &dev_lock);
}

int lock_forgotten_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) return 0;
    pincode(lock_forgotten_entry);
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    t = talloc();
    t->func = dev_timer;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 10000000;
    tstart(t);
    simple_lock(&dev_lock);
    if (t->ipri == INTTIMER)        /* "error": forgets simple_unlock */
        return 0;
    simple_unlock(&dev_lock);
    return 0;
}
