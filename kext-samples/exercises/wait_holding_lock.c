/* expect: crash sleep-with-lock; with --run-for 20ms */
/*
 * Exercise wait_holding_lock: CFG_INIT starts a 10 ms timer that reports the device ready and
 * waits for it, keeping state_lock so nobody changes the state meanwhile.
 *
 * Run: swift run aixsim load kext-samples/exercises/wait_holding_lock.c --run-for 20ms
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/pin.h>
#include <sys/sleep.h>
#include <sys/timer.h>

Simple_lock state_lock;
static tid_t ready = EVENT_NULL;
static struct trb *timer;

static void device_ready(struct trb *t)
{
    e_wakeup(&ready);
}

int wait_holding_lock_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        tfree(timer);
        lock_free(&state_lock);
        return unpincode(wait_holding_lock_entry);
    }
    pincode(wait_holding_lock_entry);
    lock_alloc(&state_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&state_lock);
    timer = talloc();
    timer->func = device_ready;
    timer->ipri = INTTIMER;
    timer->timeout.it_value.tv_nsec = 10000000;
    tstart(timer);
    simple_lock(&state_lock);
    e_sleep(&ready, EVENT_SHORT);
    simple_unlock(&state_lock);
    return 0;
}
