/* expect: findings lock-order-inversion */
/*
 * Exercise abba_locks: the queue and the statistics each have a lock; enqueueing updates the
 * statistics, and the statistics report looks at the queue. The run ends normally, with a
 * finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/abba_locks.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock queue_lock, stats_lock;
static int depth, enqueued;

static void enqueue(void)
{
    simple_lock(&queue_lock);
    depth++;
    simple_lock(&stats_lock);
    enqueued++;
    simple_unlock(&stats_lock);
    simple_unlock(&queue_lock);
}

static int report(void)
{
    int d;
    simple_lock(&stats_lock);
    simple_lock(&queue_lock);
    d = depth;
    simple_unlock(&queue_lock);
    simple_unlock(&stats_lock);
    return d;
}

int abba_locks_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        lock_free(&queue_lock);
        lock_free(&stats_lock);
        return 0;
    }
    lock_alloc(&queue_lock, LOCK_ALLOC_PIN, 1, -1);
    lock_alloc(&stats_lock, LOCK_ALLOC_PIN, 2, -1);
    simple_lock_init(&queue_lock);
    simple_lock_init(&stats_lock);
    enqueue();
    return report() == 1 ? 0 : EIO;
}
