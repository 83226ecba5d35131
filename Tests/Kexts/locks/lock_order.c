/* expect: findings lock-order-inversion */
/* Two paths take the same two simple locks in opposite orders: a latent ABBA deadlock. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock queue_lock;
Simple_lock stats_lock;

void enqueue_item()
{
    simple_lock(&queue_lock);
    simple_lock(&stats_lock);
    simple_unlock(&stats_lock);
    simple_unlock(&queue_lock);
}

void report_stats()
{
    simple_lock(&stats_lock);
    simple_lock(&queue_lock);
    simple_unlock(&queue_lock);
    simple_unlock(&stats_lock);
}

int lock_order_entry(cmd, uiop)
int cmd;
struct uio *uiop;
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
    enqueue_item();
    report_stats();
    return 0;
}
