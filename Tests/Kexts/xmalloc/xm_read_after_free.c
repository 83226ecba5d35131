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
        /* A guard-page allocation keeps its natural alignment (128 for 100 bytes), so its
           128-byte slot ends where its page does; the last block of a bucket page does too, but
           that one directly follows the block allocated before it. */
        if ((((ulong)p + 128) & 4095) == 0 && (i == 0 || kept[i - 1] != p - 128)) return p;
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
