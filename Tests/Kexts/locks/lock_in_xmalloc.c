/* expect: ok */
/* A lock inside a device structure xmalloc returned: the trace names it by its allocation
   (xmalloc #1+0x8), the way a lock in a kext variable is named by the variable. */
#include <sys/types.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <sys/lock_def.h>
#include <sys/lock_alloc.h>

struct dev { long n; Simple_lock lk; };
static struct dev *d;

int lock_in_xmalloc_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_TERM) {
        lock_free(&d->lk);
        xmfree(d, kernel_heap);
        return 0;
    }
    d = xmalloc(sizeof *d, 3, kernel_heap);
    lock_alloc(&d->lk, LOCK_ALLOC_PIN, 1, -1);
    simple_lock_init(&d->lk);
    simple_lock(&d->lk);
    simple_unlock(&d->lk);
    return 0;
}
