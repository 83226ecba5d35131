/* expect: ok */
/* Clean as long as every allocation succeeds. CFG_INIT fills a pool of buffers in a loop (a
 * failure there is handled: the slot stays empty), then allocates a descriptor. When that one
 * xmalloc fails, the pool is reset without being freed, so every buffer leaks. Failing the
 * first few allocations in call order (--fail xmalloc:nth=N, N up to the pool's size) only hits
 * the loop; failing each call site once (`aixsim explore --mode failsite`) reaches the
 * descriptor's. pool_size is not static so the compiler keeps the loop one call site. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/device.h>

int pool_size = 16;
static caddr_t pool[16];
static caddr_t descriptor;

int leak_at_one_site_entry(int cmd, struct uio *uiop)
{
    int i;
    if (cmd == CFG_INIT) {
        for (i = 0; i < pool_size; i++)
            pool[i] = xmalloc(256, 0, kernel_heap);
        descriptor = xmalloc(64, 3, kernel_heap);
        if (descriptor == NULL)
            for (i = 0; i < pool_size; i++) pool[i] = NULL; /* the bug: reset, not freed */
        return 0;
    }
    for (i = 0; i < pool_size; i++)
        if (pool[i]) xmfree(pool[i], kernel_heap);
    if (descriptor) xmfree(descriptor, kernel_heap);
    return 0;
}
