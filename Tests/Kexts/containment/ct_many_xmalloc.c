/* expect: findings xmalloc-leak */
/* 20,000 xmalloc/xmfree pairs, then 1500 small allocations never freed: the run finishes in
   bounded memory, with the trace cut at its limit and the findings capped. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/device.h>

int ct_many_xmalloc_entry(int cmd, struct uio *uiop)
{
    long i;
    if (cmd != CFG_INIT)
        return 0;
    for (i = 0; i < 20000; i++) {
        caddr_t p = xmalloc(64, 0, kernel_heap);
        if (p == 0)
            return 12;
        xmfree(p, kernel_heap);
    }
    for (i = 0; i < 1500; i++)
        xmalloc(32, 0, kernel_heap);
    return 0;
}
