/* expect: findings lock-uninitialised */
/* A lock initialised without lock_alloc. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/intr.h>
#include <sys/timer.h>
#include <sys/sleep.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

Simple_lock dev_lock;

int no_lock_alloc_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) return 0;
    simple_lock_init(&dev_lock);
    simple_lock(&dev_lock);
    simple_unlock(&dev_lock);
    return 0;
}
