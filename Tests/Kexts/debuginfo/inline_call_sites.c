/* expect: findings xmalloc-leak */
/*
 * For InlinedCallSiteTests: every block leaks on purpose, so each leak names the line of the
 * xmalloc that took it, and each size is used once, so a test finds that line by the size.
 * Three calls in a row, one in each branch of an if (taken both ways), one inside a static
 * inline helper of the kext's own (the innermost call site is the helper's line), and two
 * calls on one line told apart by their columns.
 */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/device.h>

static caddr_t kept[8];
static volatile int flip;

static caddr_t __attribute__((noinline)) either(int which)
{
    caddr_t p;
    if (which) {
        p = xmalloc(72, 3, kernel_heap);
        flip += 1;
    } else {
        flip -= 2;
        p = xmalloc(88, 4, pinned_heap);
    }
    return p;
}

static inline caddr_t nested(void)
{
    return xmalloc(104, 3, kernel_heap);
}

int inline_call_sites_entry(int cmd, struct uio *uiop)
{
    if (cmd != CFG_INIT)
        return 0;
    kept[0] = xmalloc(24, 3, kernel_heap);
    kept[1] = xmalloc(40, 3, kernel_heap);
    kept[2] = xmalloc(56, 3, pinned_heap);
    kept[3] = either(1);
    kept[4] = either(0);
    kept[5] = nested();
    kept[6] = xmalloc(120, 3, kernel_heap); kept[7] = xmalloc(136, 3, kernel_heap);
    return 0;
}
