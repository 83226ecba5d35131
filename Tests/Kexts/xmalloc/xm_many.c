/* expect: ok */
/* Thousands of galloc regions in a large heap, some xmalloc'd, some pinned: for the picture. */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/vmuser.h>
#include <sys/pin.h>
#include <sys/device.h>

#define N 3000
static ulong r[N];
static long sizes[N];
static caddr_t x[N];

int xm_many_entry(int cmd, struct uio *uiop)
{
    int i;
    if (cmd == CFG_INIT) {
        for (i = 0; i < N; i++) {
            sizes[i] = 4096L << (i % 9);
            if (vm_galloc(V_WORKING, sizes[i], &r[i])) return 12;
            if (i % 5 == 0) x[i] = xmalloc(5000 + i, 0, i % 2 ? pinned_heap : kernel_heap);
            if (i % 7 == 0) pin((void *)r[i], 4096);
        }
        for (i = 0; i < N; i += 3) {
            if (i % 7 == 0) unpin((void *)r[i], 4096);
            vm_gfree(r[i], sizes[i]);
            r[i] = 0;
        }
        return 0;
    }
    for (i = 0; i < N; i++) {
        if (r[i]) { if (i % 7 == 0) unpin((void *)r[i], 4096); vm_gfree(r[i], sizes[i]); }
        if (x[i]) xmfree(x[i], i % 2 ? pinned_heap : kernel_heap);
    }
    return 0;
}
