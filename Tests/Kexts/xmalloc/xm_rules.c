/* expect: ok; with --data args */
/*
 * xmalloc's argument and environment rules. --data picks:
 *   "args"      bad sizes and alignments give NULL; init_heap refuses bad areas and a non-NULL heapp
 *   "disabled"  xmalloc with interrupts disabled: a process-environment-only service, so a crash
 *   "xmfree-disabled", "init_heap-disabled"  the same for xmfree and init_heap
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/vmuser.h>
#include <sys/intr.h>
#include <sys/uio.h>
#include <sys/device.h>

int xm_rules_entry(int cmd, struct uio *uiop)
{
    char mode[16] = {0};
    if (cmd != CFG_INIT) return 0;
    uiomove(mode, sizeof mode - 1, UIO_WRITE, uiop);
    if (mode[0] == 'x' || mode[0] == 'i') {
        ulong area;
        caddr_t p = xmalloc(64, 0, kernel_heap);
        if (!p || vm_galloc(V_WORKING, 4096, &area)) return 1;
        int old = i_disable(INTMAX);
        if (mode[0] == 'x') xmfree(p, kernel_heap);
        else init_heap((caddr_t)area, 4096, NULL);
        i_enable(old);
        return 0;
    }
    if (mode[0] == 'd') {
        int old = i_disable(INTMAX);
        caddr_t p = xmalloc(64, 0, kernel_heap);
        i_enable(old);
        return p ? 0 : 1;
    }
    if (xmalloc(0, 0, kernel_heap) || xmalloc(-5, 0, kernel_heap) || xmalloc(64, 13, kernel_heap)
        || xmalloc(64, -1, kernel_heap))
        return 1;
    ulong area;
    heapaddr_t h;
    if (vm_galloc(V_WORKING, 8192, &area)) return ENOMEM;
    if (init_heap((caddr_t)area + 16, 4096, NULL)) return 2;       /* not page-aligned */
    if (init_heap((caddr_t)area, 1000, NULL)) return 3;            /* not whole pages */
    if (init_heap((caddr_t)area, 8192, &h)) return 4;              /* heapp must be NULL */
    if (init_heap((caddr_t)area, 3 * 4096, NULL)) return 5;        /* past the region */
    h = init_heap((caddr_t)area, 8192, NULL);
    if (!h) return 6;
    caddr_t a = xmalloc(3000, 0, h), b = xmalloc(3000, 0, h), c = xmalloc(3000, 0, h);
    if (!a || !b || c) return 7;                                   /* two pages: two 3000-byte blocks */
    if (xmfree(a, h) || xmfree(b, h)) return 8;
    return vm_gfree(area, 8192);
}
