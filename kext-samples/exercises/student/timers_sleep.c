/* expect: crash watchdog */
/*
 * Student kext 3, "timers with e_sleep": CFG_INIT starts a timer that samples a device 10 ms
 * later and wakes the configuring thread, which waits for the sample (course chapter 6, timers
 * and e_sleep). The student lets the device settle with delay() between starting the timer and
 * going to sleep: the timer fires during the delay, its e_wakeup finds nobody sleeping and is
 * lost, and the e_sleep that follows waits for a wakeup that already happened.
 *
 * Run: swift run aixsim load kext-samples/exercises/student/timers_sleep.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/pin.h>
#include <sys/device.h>
#include <stdio.h>

static struct trb *timer;
static tid_t sampled = EVENT_NULL;
static int sample;

static void on_sample(struct trb *t)
{
    sample = 42;
    e_wakeup(&sampled);
}

int timers_sleep_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        tfree(timer);
        return unpincode(timers_sleep_entry);
    }
    pincode(timers_sleep_entry);
    if ((timer = talloc()) == NULL)
        return ENOMEM;
    timer->timeout.it_value.tv_sec = 0;
    timer->timeout.it_value.tv_nsec = 10 * 1000 * 1000;
    timer->func = on_sample;
    timer->ipri = INTTIMER;
    tstart(timer);
    delay(HZ / 20);                  /* let the device settle: 50 ms */
    e_sleep(&sampled, EVENT_SHORT); /* BUG */
    printf("sample %d\n", sample);
    return 0;
}
