/* expect: findings leak timer-active; with --run-for 100ms */
/* Three timeouts and a timer, two due at the same tick: they run in time order, ties in the
   order they were scheduled. One timeout is cancelled; one timer is left running at unload. */
#include <sys/types.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static struct trb *left_running;
static void say(caddr_t what) { printf("%s\n", what); }
static void never(struct trb *t) { printf("never\n"); }

int timer_order_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM)
        return 0;                     /* the bug: left_running is neither stopped nor freed */
    pincode(timer_order_entry);
    timeoutcf(4);
    timeout(say, "b (2 ticks, scheduled first)", 2);
    timeout(say, "a (1 tick)", 1);
    timeout(say, "c (2 ticks, scheduled second)", 2);
    timeout(say, "cancelled", 3);
    untimeout(say, "cancelled");
    left_running = talloc();
    left_running->flags = T_INCINTERVAL;
    left_running->func = never;
    left_running->ipri = INTTIMER;
    left_running->timeout.it_value.tv_sec = 10;
    tstart(left_running);
    return 0;
}
