/* expect: ok */
/* init_heap over the areas AIX allows: pages of another heap (xmalloc'd from kernel_heap), a
   private vm_galloc region, and a heap nested in a private heap. A stack array is allowed on AIX
   too but not by aixsim (docs/aix-differences.md): the call returns NULL, which the kext sees. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

#define PAGE 4096

static int
try_heap(what, area, size)
    char *what;
    caddr_t area;
    int size;
{
    heapaddr_t h;
    caddr_t p;

    h = init_heap(area, size, NULL);
    if (h == NULL) {
        printf("%s: no heap\n", what);
        return 0;
    }
    p = xmalloc(100, 3, h);
    printf("%s: heap, xmalloc %s\n", what, p ? "ok" : "NULL");
    if (p)
        xmfree(p, h);
    return 1;
}

int
init_heap_areas_entry(cmd, uiop)
    int cmd;
    struct uio *uiop;
{
    caddr_t outer;
    ulong region;
    char stack_area[2 * PAGE];
    caddr_t nested;

    if (cmd == CFG_TERM)
        return 0;

    outer = xmalloc(4 * PAGE, 12, kernel_heap);
    try_heap("kernel_heap pages", outer, 4 * PAGE);

    vm_galloc(V_WORKING, 8 * PAGE, &region);
    try_heap("vm_galloc region", (caddr_t)region, 4 * PAGE);
    nested = xmalloc(2 * PAGE, 12, (heapaddr_t)region);
    try_heap("private heap pages", nested, 2 * PAGE);

    try_heap("stack array", (caddr_t)(((ulong)stack_area + PAGE - 1) & ~(ulong)(PAGE - 1)), PAGE);

    xmfree(nested, (heapaddr_t)region);
    xmfree(outer, kernel_heap);
    vm_gfree(region, 8 * PAGE);
    return 0;
}
