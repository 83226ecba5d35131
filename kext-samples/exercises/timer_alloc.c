/* expect: crash environment-violation; with --run-for 30ms */
/*
 * Exercise timer_alloc: a statistics timer fires every 10 ms and keeps a sample of each tick in
 * a freshly allocated buffer. Run it with simulated time so the timer fires.
 *
 * Run: swift run aixsim load kext-samples/exercises/timer_alloc.c --run-for 30ms
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/timer.h>

static struct trb *tick;
static caddr_t last_sample;

static void on_tick(struct trb *t)
{
    last_sample = xmalloc(64, 3, pinned_heap);
    t->timeout.it_value.tv_nsec = 10000000;
    tstart(t);
}

int timer_alloc_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        tstop(tick);
        tfree(tick);
        if (last_sample) xmfree(last_sample, pinned_heap);
        return unpincode(timer_alloc_entry);
    }
    pincode(timer_alloc_entry);
    tick = talloc();
    tick->func = on_tick;
    tick->ipri = INTTIMER;
    tick->timeout.it_value.tv_nsec = 10000000;
    tstart(tick);
    return 0;
}
