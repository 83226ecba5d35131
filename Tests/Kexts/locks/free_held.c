/* expect: crash lock-misuse */
/* lock_free of a lock still held. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock dev_lock;

int free_held_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) return 0;
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    simple_lock(&dev_lock);
    lock_free(&dev_lock);
    return 0;
}
