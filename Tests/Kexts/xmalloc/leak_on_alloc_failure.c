/* expect: ok */
/* Clean as long as every allocation succeeds. When the second xmalloc (the ring) fails,
 * setup_rings forgets the first buffer, the control block, instead of freeing it: CFG_INIT still
 * succeeds and CFG_TERM has nothing to free, so the block leaks. `aixsim explore` finds this by
 * failing each allocation call once (--fail xmalloc:nth=2). */
#include <sys/types.h>
#include <sys/malloc.h>
#include <sys/device.h>

static caddr_t control, ring, spare;

static void setup_rings(void)
{
    control = xmalloc(128, 3, kernel_heap);
    if (control == NULL) return;
    ring = xmalloc(4096, 12, pinned_heap);
    if (ring == NULL) control = NULL; /* the bug: the control block is lost, not freed */
}

int leak_on_alloc_failure_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        setup_rings();
        /* Optional: its failure is handled correctly. */
        spare = xmalloc(64, 0, kernel_heap);
        return 0;
    }
    if (spare) xmfree(spare, kernel_heap);
    if (ring) xmfree(ring, pinned_heap);
    if (control) xmfree(control, kernel_heap);
    return 0;
}
