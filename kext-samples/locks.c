/*
 * locks: AIX locking done right.
 *
 * A device's counters are shared between process code and a timer handler, so both take
 * dev_lock with disable_lock, which masks the timer's priority before spinning. Two simple
 * locks nest, always outer_lock first. A configuration word uses the old lockl, whose
 * nesting returns LOCK_NEST (only the LOCK_SUCC taker unlocks), and a complex lock guards a
 * table readers share. Every lock is allocated with lock_alloc and freed with lock_free.
 */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/pin.h>
#include <sys/lockl.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <stdio.h>

Simple_lock dev_lock;
Simple_lock outer_lock;
Simple_lock inner_lock;
Complex_lock table_lock;
lock_t config_lock = LOCK_AVAIL;

static struct trb *timer;
static int interrupts_seen;

static void on_tick(struct trb *t)
{
    int old = disable_lock(INTTIMER, &dev_lock);
    interrupts_seen++;
    unlock_enable(old, &dev_lock);
}

static void update_both()
{
    simple_lock(&outer_lock);
    simple_lock(&inner_lock);
    simple_unlock(&inner_lock);
    simple_unlock(&outer_lock);
}

int locks_entry(int cmd, struct uio *uiop)
{
    int old, rc;
    if (cmd == CFG_TERM) {
        tstop(timer);
        tfree(timer);
        old = disable_lock(INTTIMER, &dev_lock);
        printf("timer ticks seen: %d\n", interrupts_seen);
        unlock_enable(old, &dev_lock);
        lock_free(&dev_lock);
        lock_free(&outer_lock);
        lock_free(&inner_lock);
        lock_free(&table_lock);
        unpincode(locks_entry);
        return 0;
    }
    pincode(locks_entry);               /* the timer handler and dev_lock run at interrupt level */
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    lock_alloc(&outer_lock, LOCK_ALLOC_PIN, 2, 1);
    lock_alloc(&inner_lock, LOCK_ALLOC_PIN, 2, 2);
    lock_alloc(&table_lock, LOCK_ALLOC_PAGED, 3, -1);
    simple_lock_init(&dev_lock);
    simple_lock_init(&outer_lock);
    simple_lock_init(&inner_lock);
    lock_init(&table_lock, TRUE);

    update_both();
    update_both();

    rc = lockl(&config_lock, LOCK_SHORT);
    printf("lockl: %s, again: %s\n", rc == LOCK_SUCC ? "LOCK_SUCC" : "?",
           lockl(&config_lock, LOCK_SHORT) == LOCK_NEST ? "LOCK_NEST" : "?");
    if (rc == LOCK_SUCC)
        unlockl(&config_lock);

    lock_read(&table_lock);
    lock_done(&table_lock);
    lock_write(&table_lock);
    lock_done(&table_lock);

    timer = talloc();
    timer->func = on_tick;
    timer->ipri = INTTIMER;
    timer->timeout.it_value.tv_nsec = 0;
    tstart(timer);
    return 0;
}
