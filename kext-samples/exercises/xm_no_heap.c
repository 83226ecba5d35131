/* expect: findings xmalloc-uninitialised-heap xmalloc-leak */
/*
 * Exercise xm_no_heap: the driver builds a private heap for its receive buffers over 64 KB of
 * global memory, takes a buffer from it, and gives everything back at CFG_TERM. The run ends
 * normally, with two findings.
 *
 * Run: swift run aixsim load kext-samples/exercises/xm_no_heap.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <sys/vmuser.h>

#define AREA_BYTES (64 * 1024)

static ulong area;
static heapaddr_t rx_heap;
static caddr_t buffer;

int xm_no_heap_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        xmfree(buffer, (caddr_t)&rx_heap);
        return vm_gfree(area, AREA_BYTES);
    }
    if ((rc = vm_galloc(V_WORKING, AREA_BYTES, &area)) != 0)
        return rc;
    rx_heap = init_heap((caddr_t)area, AREA_BYTES, NULL);
    if (rx_heap == NULL)
        return ENOMEM;
    buffer = xmalloc(512, 3, rx_heap);
    return buffer == NULL ? ENOMEM : 0;
}
