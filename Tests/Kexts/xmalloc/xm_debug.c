/* expect: findings xmalloc-overrun; with --data overrun --xmalloc-debug maximal --seed 1 */
/*
 * Bugs the xmalloc debug levels catch, one per --data word:
 *   "overrun"  writes one byte past a 100-byte allocation, then frees it (trailer check)
 *   "uaf"      writes to a 64-byte block after freeing it, then churns the heap so the block
 *              leaves the quarantine and is handed out again (free-fill check)
 *   "guard"    allocates until it gets an allocation placed against a guard page (its end is
 *              a page boundary), then writes one byte past it: a DSI at the access
 *   "layout"   prints the addresses of an alloc/free pattern, for the layout tests
 */
#include <stdio.h>
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/uio.h>
#include <sys/device.h>

#define KEEP 3000
static caddr_t kept[KEEP];

int xm_debug_entry(int cmd, struct uio *uiop)
{
    char mode[16] = {0};
    int i, n = 0;
    if (cmd != CFG_INIT) {
        for (i = 0; i < KEEP; i++) if (kept[i]) xmfree(kept[i], kernel_heap);
        return 0;
    }
    uiomove(mode, sizeof mode - 1, UIO_WRITE, uiop);
    if (mode[0] == 'o') {
        caddr_t p = xmalloc(100, 0, kernel_heap);
        p[100] = 'X';
        return xmfree(p, kernel_heap);
    }
    if (mode[0] == 'u') {
        caddr_t p = xmalloc(64, 0, kernel_heap);
        xmfree(p, kernel_heap);
        p[5] = 'X';
        for (i = 0; i < 2100; i++) xmfree(xmalloc(64, 0, kernel_heap), kernel_heap);
        return 0;
    }
    if (mode[0] == 'g') {
        for (i = 0; i < KEEP; i++) {
            /* A power of two: align 0 keeps a block on its size's boundary, so only such a
               size ends exactly at the guard page. */
            caddr_t p = xmalloc(128, 0, kernel_heap);
            kept[i] = p;
            if ((((ulong)p + 128) & 4095) == 0) {
                printf("guarded allocation after %d tries\n", i + 1);
                p[128] = 'X';
                return 0;
            }
        }
        return 2;
    }
    /* Offsets from the first allocation: host addresses differ from run to run, offsets must not. */
    ulong base = 0;
    for (i = 0; i < 40; i++) {
        kept[i] = xmalloc(24 + 40 * (i % 7), 0, kernel_heap);
        if (i == 0) base = (ulong)kept[0];
        if (i % 3 == 0) { xmfree(kept[i / 2], kernel_heap); kept[i / 2] = NULL; }
    }
    for (i = 0; i < 40; i++) if (kept[i]) n += printf("%lx\n", (ulong)kept[i] - base);
    return 0;
}
