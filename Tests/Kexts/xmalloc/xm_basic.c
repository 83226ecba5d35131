/* expect: ok */
/* xmalloc from kernel_heap, pinned_heap and a private heap, written exactly as on AIX. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/malloc.h>
#include <sys/xmalloc.h>
#include <sys/vmuser.h>
#include <sys/device.h>

static caddr_t small, aligned, big, pinned, priv;
static ulong area;
static heapaddr_t heap;

int xm_basic_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        small = xmalloc(128, 3, kernel_heap);
        aligned = xmalloc(100, 8, kernel_heap);
        big = xmalloc(20000, 0, kernel_heap);
        pinned = xmalloc(64, 0, pinned_heap);
        if (!small || !aligned || !big || !pinned) return ENOMEM;
        if (((ulong)small & 7) || ((ulong)aligned & 255)) return EINVAL;
        small[0] = 1; small[127] = 2; big[19999] = 3; pinned[63] = 4;
        if (vm_galloc(V_WORKING, 64 * 1024, &area)) return ENOMEM;
        heap = init_heap((caddr_t)area, 64 * 1024, NULL);
        if (!heap) return EINVAL;
        priv = xmalloc(256, 4, heap);
        if (!priv || ((ulong)priv & 15)) return EFAULT;
        priv[255] = 5;
        return 0;
    }
    if (xmfree(priv, heap) || xmfree(small, kernel_heap) || xmfree(aligned, kernel_heap)
        || xmfree(big, kernel_heap) || xmfree(pinned, pinned_heap))
        return EINVAL;
    return vm_gfree(area, 64 * 1024);
}
