/* expect: findings lock-held-at-unload leak */
/* CFG_TERM takes the lock to drain the device and returns without releasing it (so it
   cannot lock_free it either). */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock dev_lock;

int held_at_term_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        simple_lock(&dev_lock);
        return 0;
    }
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    return 0;
}
