/* expect: crash self-deadlock */
/* A helper takes the lock its caller already holds. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock list_lock;

static void add_entry()
{
    simple_lock(&list_lock);
    simple_unlock(&list_lock);
}

int relock_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) return 0;
    lock_alloc(&list_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&list_lock);
    simple_lock(&list_lock);
    add_entry();
    simple_unlock(&list_lock);
    return 0;
}
