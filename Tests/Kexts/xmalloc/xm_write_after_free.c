/* expect: findings xmalloc-write-after-free; with --xmalloc-debug minimal */
/*
 * Frees a 64-byte block, then stores into it through the stale pointer, and allocates nothing
 * afterwards: no reuse ever checks the block, so only the unload-time check of the freed blocks
 * xmalloc debug watches can see it. Caught at every debug level, none without one.
 */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/uio.h>
#include <sys/device.h>

int xm_write_after_free_entry(int cmd, struct uio *uiop)
{
    caddr_t p;
    if (cmd != CFG_INIT) return 0;
    p = xmalloc(64, 0, kernel_heap);
    xmfree(p, kernel_heap);
    p[9] = 'X';
    return 0;
}
