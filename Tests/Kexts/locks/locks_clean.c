/* expect: ok; with --run-for 30ms */
/* Correct use that must stay silent: nested locks in one order, a lockl that nests, a complex
   lock upgraded and downgraded, and a lock shared with a timer handler through disable_lock. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/lockl.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/pin.h>
#include <stdio.h>

Simple_lock outer_lock;
Simple_lock inner_lock;
Simple_lock intr_lock;
Complex_lock table_lock;
lock_t cfg_lock = LOCK_AVAIL;
static struct trb *t;
static int ticks;

static void tick(struct trb *me)
{
    int old = disable_lock(INTTIMER, &intr_lock);
    ticks++;
    unlock_enable(old, &intr_lock);
}

static void nested()
{
    simple_lock(&outer_lock);
    simple_lock(&inner_lock);
    simple_unlock(&inner_lock);
    simple_unlock(&outer_lock);
}

int locks_clean_entry(int cmd, struct uio *uiop)
{
    int old, rc1, rc2;
    if (cmd == CFG_TERM) {
        tstop(t);
        tfree(t);
        old = disable_lock(INTTIMER, &intr_lock);
        printf("ticks %d\n", ticks > 0);
        unlock_enable(old, &intr_lock);
        lock_free(&outer_lock);
        lock_free(&inner_lock);
        lock_free(&intr_lock);
        lock_free(&table_lock);
        unpincode(locks_clean_entry);
        return 0;
    }
    pincode(locks_clean_entry);
    lock_alloc(&outer_lock, LOCK_ALLOC_PIN, 1, 1);
    lock_alloc(&inner_lock, LOCK_ALLOC_PIN, 1, 2);
    lock_alloc(&intr_lock, LOCK_ALLOC_PIN, 2, -1);
    lock_alloc(&table_lock, LOCK_ALLOC_PAGED, 3, -1);
    simple_lock_init(&outer_lock);
    simple_lock_init(&inner_lock);
    simple_lock_init(&intr_lock);
    lock_init(&table_lock, TRUE);
    nested();
    nested();

    rc1 = lockl(&cfg_lock, LOCK_SHORT);
    rc2 = lockl(&cfg_lock, LOCK_SHORT);
    printf("lockl %d %d\n", rc1, rc2);
    if (rc1 == LOCK_SUCC) unlockl(&cfg_lock);

    lock_read(&table_lock);
    if (lock_read_to_write(&table_lock) == FALSE) {
        lock_write_to_read(&table_lock);
        lock_done(&table_lock);
    }

    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = tick;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 10000000;
    tstart(t);
    return 0;
}
