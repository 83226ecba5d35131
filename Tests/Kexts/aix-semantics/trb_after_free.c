/* expect: crash environment-violation */
/* A trb started again after tfree gave it back: the kernel may already have reused it. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>

static struct trb *t;
static void tick(tp) struct trb *tp; { }

int
trb_after_free_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    if (cmd == CFG_TERM)
        return 0;
    pincode(trb_after_free_entry);
    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = tick;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_sec = 1;
    tfree(t);
    tstart(t);                          /* the bug: t is no longer ours */
    return 0;
}
