/*
 * heapwar: xmalloc and vm_galloc competing for the one galloc heap. Run it with a small heap:
 *
 *     swift run aixsim load heapwar --galloc-heap 8M --heap --map heapwar.svg
 *
 * CFG_INIT
 * 1. Exhaustion: take 64 KB regions with vm_galloc until the heap says ENOSPC; xmalloc, whose
 *    heaps grow from the same galloc heap, now returns NULL even for 64 bytes.
 * 2. Recovery: give every other region back; xmalloc succeeds again (its 64 KB bucket chunk
 *    fits a freed region's hole), pinned_heap too.
 * 3. Fragmentation: half the heap is free, but only in 68 KB holes (64 KB plus the guard page),
 *    so a 200 KB xmalloc, which needs one run of whole pages, fails.
 * The kext stays loaded in that state (what --heap and --map show).
 * CFG_TERM
 * 4. Give the other regions back: the 200 KB xmalloc now succeeds. Then everything is freed.
 */
#include <stdio.h>
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/vmuser.h>
#include <sys/device.h>

#define MAX_REGIONS 4096
#define REGION (64 * 1024)
#define SMALL 40

static ulong regions[MAX_REGIONS];
static int nregions;
static caddr_t small[SMALL], pinned[SMALL];

static const char *got(caddr_t p) { return p ? "memory" : "NULL"; }

int heapwar_entry(int cmd, struct uio *uiop)
{
    int i;
    if (cmd == CFG_INIT) {
        while (nregions < MAX_REGIONS && vm_galloc(V_WORKING, REGION, &regions[nregions]) == 0)
            nregions++;
        printf("vm_galloc took %d regions of 64 KB before ENOSPC\n", nregions);
        caddr_t p = xmalloc(64, 0, kernel_heap);
        printf("exhausted: xmalloc(64, 0, kernel_heap) = %s\n", got(p));
        if (p) xmfree(p, kernel_heap);

        for (i = 0; i < nregions; i += 2) {
            vm_gfree(regions[i], REGION);
            regions[i] = 0;
        }
        for (i = 0; i < SMALL; i++) {
            small[i] = xmalloc(64 << (i % 6), 0, kernel_heap);
            pinned[i] = xmalloc(4096 + 512 * i, 12, pinned_heap);
        }
        printf("after freeing every other region: xmalloc(64, 0, kernel_heap) = %s, "
               "xmalloc(4 KB, 12, pinned_heap) = %s\n", got(small[0]), got(pinned[0]));
        p = xmalloc(200 * 1024, 12, kernel_heap);
        printf("fragmented: xmalloc(200 KB) = %s\n", got(p));
        if (p) xmfree(p, kernel_heap);
        return small[0] && pinned[0] ? 0 : ENOMEM;
    }
    for (i = 1; i < nregions; i += 2)
        vm_gfree(regions[i], REGION);
    caddr_t big = xmalloc(200 * 1024, 12, kernel_heap);
    printf("after freeing the rest: xmalloc(200 KB) = %s\n", got(big));
    if (big) xmfree(big, kernel_heap);
    for (i = 0; i < SMALL; i++) {
        if (small[i]) xmfree(small[i], kernel_heap);
        if (pinned[i]) xmfree(pinned[i], pinned_heap);
    }
    return big ? 0 : ENOMEM;
}
