/* expect: findings lock-interrupt-unsafe; with --run-for 20ms */
/*
 * Exercise timer_shares_lock: a watchdog timer and process code both update the pending flag
 * under dev_lock. The run ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/timer_shares_lock.c --run-for 20ms
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/pin.h>
#include <sys/timer.h>

Simple_lock dev_lock;
static struct trb *watchdog;
static int pending;

static void on_watchdog(struct trb *t)
{
    int old = disable_lock(INTTIMER, &dev_lock);
    pending = 0;
    unlock_enable(old, &dev_lock);
}

int timer_shares_lock_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        tstop(watchdog);
        tfree(watchdog);
        lock_free(&dev_lock);
        return unpincode(timer_shares_lock_entry);
    }
    pincode(timer_shares_lock_entry);
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    simple_lock(&dev_lock);
    pending = 1;
    simple_unlock(&dev_lock);
    watchdog = talloc();
    watchdog->func = on_watchdog;
    watchdog->ipri = INTTIMER;
    watchdog->timeout.it_value.tv_nsec = 10000000;
    tstart(watchdog);
    return 0;
}
