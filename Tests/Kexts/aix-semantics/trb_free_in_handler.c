/* expect: crash environment-violation; with --run-for 50ms */
/* A timer handler that frees its own trb, which AIX documents as not allowed. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct trb *t;

static void
once(tp)
    struct trb *tp;
{
    tfree(tp);                          /* the bug: the timer code still holds tp */
}

int
trb_free_in_handler_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return 0;
    pincode(trb_free_in_handler_entry);
    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = once;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 10000000;
    tstart(t);
    return 0;
}
