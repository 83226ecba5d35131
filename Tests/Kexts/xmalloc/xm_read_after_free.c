/* expect: crash dsi; with --xmalloc-debug maximal --seed 1 */
/*
 * Allocates until xmalloc debug places an allocation on a page of its own (its end is the
 * page's end, against the guard page), frees it, then reads through the stale pointer. The
 * page went back at xmfree, so the read is a DSI at the access, and the report names the
 * allocation, where it was made and where it was freed (KFENCE-style sampling).
 */
#include <stdio.h>
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/uio.h>
#include <sys/device.h>

#define TRIES 3000
static caddr_t kept[TRIES];

static caddr_t guarded_allocation(void)
{
    int i;
    for (i = 0; i < TRIES; i++) {
        caddr_t p = xmalloc(100, 0, kernel_heap);
        if ((((ulong)p + 100) & 4095) == 0) return p;
        kept[i] = p;
    }
    return NULL;
}

int xm_read_after_free_entry(int cmd, struct uio *uiop)
{
    int i;
    volatile caddr_t p;
    if (cmd != CFG_INIT) {
        for (i = 0; i < TRIES; i++) if (kept[i]) xmfree(kept[i], kernel_heap);
        return 0;
    }
    p = guarded_allocation();
    if (p == NULL) return 2;
    xmfree(p, kernel_heap);
    printf("stale byte %d\n", p[0]);
    return 0;
}
