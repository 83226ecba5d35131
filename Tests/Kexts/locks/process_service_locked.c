/* expect: depends on --data; see below */
/* A process-only service called with a simple lock held. --data simple: xmalloc under
   simple_lock, --data disable: lock_write under disable_lock; each a sleep-with-lock crash
   naming the lock and where it was taken. --data handoff: e_sleep_thread handed the held lock
   to release (LOCK_SIMPLE), which is allowed: ok. */
#include <sys/types.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>
#include <sys/malloc.h>
#include <sys/sleep.h>
#include <sys/timer.h>
#include <sys/uio.h>
#include <sys/pin.h>
#include <sys/intr.h>
#include <sys/device.h>
#include <string.h>

Simple_lock queue_lock;
Complex_lock table_lock;
static tid_t done = EVENT_NULL;
static struct trb *t;
static char what[16];

static void finish(tp) struct trb *tp; { e_wakeup(&done); }

int
process_service_locked_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    char *p;
    int old;

    if (cmd == CFG_TERM) {
        tfree(t);
        lock_free(&queue_lock);
        lock_free(&table_lock);
        return unpincode(process_service_locked_entry);
    }
    uiomove(what, uiop->uio_resid < 15 ? (int)uiop->uio_resid : 15, UIO_WRITE, uiop);
    pincode(process_service_locked_entry);
    lock_alloc(&queue_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&queue_lock);
    lock_alloc(&table_lock, LOCK_ALLOC_PAGED, 2, -1);
    lock_init(&table_lock, 1);
    t = talloc();
    t->flags = T_INCINTERVAL;
    t->func = finish;
    t->ipri = INTTIMER;
    t->timeout.it_value.tv_nsec = 10000000;

    if (!strcmp(what, "simple")) {
        simple_lock(&queue_lock);
        p = xmalloc(64, 3, kernel_heap);
        simple_unlock(&queue_lock);
        xmfree(p, kernel_heap);
    } else if (!strcmp(what, "disable")) {
        old = disable_lock(INTIODONE, &queue_lock);
        lock_write(&table_lock);
        lock_done(&table_lock);
        unlock_enable(old, &queue_lock);
    } else {
        tstart(t);
        simple_lock(&queue_lock);
        e_sleep_thread(&done, &queue_lock, LOCK_SIMPLE);
        simple_unlock(&queue_lock);
    }
    return 0;
}
