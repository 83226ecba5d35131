/* expect: ok */
/* delay(ticks) sleeps the thread while simulated time runs: a timer due meanwhile fires. */
#include <sys/types.h>
#include <sys/timer.h>
#include <sys/intr.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static struct trb *t;
static int fired;

static void tick(tp) struct trb *tp; { fired++; }

int
delay_ticks_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    int rc;

    if (cmd == CFG_TERM) {
        tfree(t);
        return unpincode(delay_ticks_entry);
    }
    pincode(delay_ticks_entry);
    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = tick;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 15000000;
    tstart(t);


    rc = delay(1);
    printf("delay %d, fired %d\n", rc, fired);
    rc = delay(2);
    printf("delay %d, fired %d\n", rc, fired);
    return 0;
}
