/* expect: crash environment-violation; with --run-for 1ms */
/* A timer handler that returns with the priority raised above the one it was called at. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct trb *t;
static void handler(struct trb *me) { i_disable(INTMAX); }

int handler_keeps_disabled_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) return 0;
    pincode(handler_keeps_disabled_entry);
    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = handler;
    t->ipri = INTTIMER;
    tstart(t);
    return 0;
}
