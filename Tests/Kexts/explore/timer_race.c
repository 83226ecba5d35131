/* expect: ok */
/* Clean when its timer comes due in the usual order, after CFG_INIT. CFG_INIT starts a timer
 * whose handler counts ticks in a statistics block, then replaces the block: it clears the
 * pointer, frees the old block and allocates a new one. A tick that arrives after the xmfree
 * (the kext's 5th service call) or after the xmalloc (the 6th, whose result is not stored yet)
 * finds the pointer NULL: a DSI at interrupt level. Only those arrival points show it
 * (`aixsim explore --mode arrival`, `aixsim load timer_race.c --arrival-call 5`). */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/pin.h>
#include <sys/device.h>

struct stats { long ticks; };
static struct stats *stats;
static struct trb *t;

static void tick(struct trb *me) { stats->ticks++; }

int timer_race_entry(int cmd, struct uio *uiop)
{
    struct stats *old;
    if (cmd == CFG_INIT) {
        pincode(timer_race_entry);
        stats = (struct stats *)xmalloc(sizeof *stats, 3, pinned_heap);
        if (stats == NULL) return ENOMEM;
        stats->ticks = 0;
        t = talloc();
        t->func = tick;
        t->ipri = INTTIMER;
        t->timeout.it_value.tv_sec = 0;
        t->timeout.it_value.tv_nsec = 1000000;
        tstart(t);
        /* Grow the block. The bug: the handler can run while stats is NULL. */
        old = stats;
        stats = NULL;
        xmfree((caddr_t)old, pinned_heap);
        stats = (struct stats *)xmalloc(2 * sizeof *stats, 3, pinned_heap);
        if (stats == NULL) return ENOMEM;
        stats->ticks = 0;
        return 0;
    }
    tstop(t);
    tfree(t);
    xmfree((caddr_t)stats, pinned_heap);
    unpincode(timer_race_entry);
    return 0;
}
