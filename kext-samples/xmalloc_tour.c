/*
 * xmalloc_tour: the three kinds of xmalloc heap, each used once.
 *
 * CFG_INIT takes a 100-byte block and a 16 KB page-aligned buffer from kernel_heap (pageable),
 * a descriptor from pinned_heap (for interrupt-level code), and builds a private heap with
 * init_heap over 64 KB of its own galloc'd memory, from which it takes one block. xmalloc's
 * second argument is the alignment as a power of two (3: 8 bytes, 12: a page). CFG_TERM frees
 * every block to the heap it came from, then the private heap's memory.
 *
 * Try: swift run aixsim load xmalloc_tour --heap
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/malloc.h>
#include <string.h>

#define AREA_BYTES (64 * 1024)

static caddr_t name, buffer, descriptor, record;
static ulong area;
static heapaddr_t private_heap;

int xmalloc_tour_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM) {
        xmfree(record, private_heap);
        xmfree(descriptor, pinned_heap);
        xmfree(buffer, kernel_heap);
        xmfree(name, kernel_heap);
        return vm_gfree(area, AREA_BYTES);
    }
    name = xmalloc(100, 3, kernel_heap);
    buffer = xmalloc(16 * 1024, 12, kernel_heap);
    descriptor = xmalloc(64, 3, pinned_heap);
    if (name == NULL || buffer == NULL || descriptor == NULL)
        return ENOMEM;
    strcpy(name, "xmalloc_tour");
    if ((rc = vm_galloc(V_WORKING, AREA_BYTES, &area)) != 0)
        return rc;
    private_heap = init_heap((caddr_t)area, AREA_BYTES, NULL);
    if (private_heap == NULL)
        return ENOMEM;
    record = xmalloc(200, 3, private_heap);
    return record == NULL ? ENOMEM : 0;
}
