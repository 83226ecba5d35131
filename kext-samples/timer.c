/*
 * timer: a periodic timer and a thread that sleeps until it has ticked enough.
 *
 * CFG_INIT starts a timer request block (talloc, tstart) that fires every 10 ms of simulated
 * time at INTTIMER; its handler re-arms it and, on the third tick, wakes the configuring
 * thread, which went to sleep with e_sleep. A timeout() shows the older one-shot interface.
 * CFG_TERM stops and frees the timer.
 *
 * Try: aixsim load timer
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

#define TICKS_WANTED 3

static struct trb *timer;
static tid_t ticked_enough = EVENT_NULL;
static int ticks;

static void on_tick(struct trb *t)
{
    ticks++;
    printf("tick %d: getpid() is %ld at interrupt level\n", ticks, (long)getpid());
    if (ticks < TICKS_WANTED) {
        t->timeout.it_value.tv_sec = 0;
        t->timeout.it_value.tv_nsec = 10 * 1000 * 1000;
        tstart(t);
    } else {
        e_wakeup(&ticked_enough);
    }
}

static void once(caddr_t message)
{
    printf("timeout: %s\n", message);
}

int timer_entry(int cmd, struct uio *uiop)
{
    switch (cmd) {
    case CFG_INIT:
        pincode(timer_entry);           /* handlers run at interrupt level: pin them */
        if ((timer = talloc()) == NULL)
            return ENOMEM;
        timer->flags = T_INCINTERVAL;
        timer->timeout.it_value.tv_sec = 0;
        timer->timeout.it_value.tv_nsec = 10 * 1000 * 1000;
        timer->func = on_tick;
        timer->ipri = INTTIMER;
        tstart(timer);
        timeoutcf(1);                   /* timeout needs a callout entry reserved first */
        timeout(once, "fired after 2 ticks", 2);
        e_sleep(&ticked_enough, EVENT_SHORT);
        printf("awake after %d ticks\n", ticks);
        return 0;
    case CFG_TERM:
        tstop(timer);
        tfree(timer);
        return unpincode(timer_entry);
    default:
        return EINVAL;
    }
}
