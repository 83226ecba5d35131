/* expect: findings xmalloc-free-pinned */
/* Pins kernel_heap memory and frees it without unpinning: a finding. pinned_heap memory comes back pinned. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/pin.h>
#include <sys/device.h>

int xm_pinned_free_entry(int cmd, struct uio *uiop)
{
    if (cmd != CFG_INIT) return 0;
    caddr_t p = xmalloc(8192, 12, kernel_heap);
    caddr_t q = xmalloc(100, 0, pinned_heap);
    if (!p || !q) return 12;
    /* pinned_heap memory is pinned already: a short-term pin and unpin on top must work. */
    if (pin(q, 100) || unpin(q, 100)) return 1;
    if (pin(p, 8192)) return 2;
    if (xmfree(p, kernel_heap)) return 3;
    return xmfree(q, pinned_heap);
}
