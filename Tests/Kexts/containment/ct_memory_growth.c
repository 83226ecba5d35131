/* expect: crash resource-limit; with --memory-limit 160M */
/* Allocates 16 MB at a time with xmalloc and touches every page, never freeing, until the heap
   is exhausted, then keeps allocating: the supervisor ends the run at the memory limit. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/malloc.h>

int ct_memory_growth_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        char *p;
        long i;
        while ((p = xmalloc(16 << 20, 12, kernel_heap)) != NULL)
            for (i = 0; i < 16 << 20; i += 4096)
                ((volatile char *)p)[i] = 0x5A;
        for (;;)
            xmfree(xmalloc(64, 3, kernel_heap), kernel_heap);
    }
    return 0;
}
