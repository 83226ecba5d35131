/* expect: crash self-deadlock */
/*
 * Exercise nested_lock: a driver's request list is protected by list_lock; CFG_INIT queues a
 * first request under the lock and counts it with a helper. The run ends in a crash.
 *
 * Run: swift run aixsim load kext-samples/exercises/nested_lock.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock list_lock;
static int queued, counted;

static void count_request(void)
{
    simple_lock(&list_lock);
    counted++;
    simple_unlock(&list_lock);
}

int nested_lock_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        lock_free(&list_lock);
        return 0;
    }
    lock_alloc(&list_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&list_lock);
    simple_lock(&list_lock);
    queued++;
    count_request();
    simple_unlock(&list_lock);
    return 0;
}
