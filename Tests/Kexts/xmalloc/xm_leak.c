/* expect: findings xmalloc-leak */
/* Two xmallocs at CFG_INIT; CFG_TERM frees only one: the other is an xmalloc leak. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/device.h>

static caddr_t kept, returned;

static caddr_t remember_buffer(void) { return xmalloc(100, 4, kernel_heap); }

int xm_leak_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        kept = remember_buffer();
        returned = xmalloc(300, 0, pinned_heap);
        return kept && returned ? 0 : 12;
    }
    return xmfree(returned, pinned_heap);
}
