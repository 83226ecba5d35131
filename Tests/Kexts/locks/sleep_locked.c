/* expect: crash sleep-with-lock; with --run-for 20ms */
/* Waits for the timer with a simple lock held. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/pin.h>

Simple_lock state_lock;
static tid_t done = EVENT_NULL;
static struct trb *t;

static void finish(struct trb *me) { e_wakeup(&done); }

int sleep_locked_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) return 0;
    pincode(sleep_locked_entry);
    lock_alloc(&state_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&state_lock);
    t = talloc();
    t->func = finish;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 10000000;
    tstart(t);
    simple_lock(&state_lock);
    e_sleep(&done, EVENT_SHORT);
    simple_unlock(&state_lock);
    return 0;
}
