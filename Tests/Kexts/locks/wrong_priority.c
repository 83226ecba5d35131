/* expect: crash lock-misuse */
/* unlock_enable given INTBASE instead of what disable_lock returned. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock dev_lock;

int wrong_priority_entry(int cmd, struct uio *uiop)
{
    int old;
    if (cmd == CFG_TERM) return 0;
    lock_alloc(&dev_lock, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&dev_lock);
    old = i_disable(INTCLASS1);
    disable_lock(INTMAX, &dev_lock);
    unlock_enable(INTBASE, &dev_lock);
    i_enable(old);
    return 0;
}
