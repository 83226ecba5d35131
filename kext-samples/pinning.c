/*
 * pinning: keeping pages in real memory, and what pinning costs.
 *
 * CFG_INIT takes four pages of global memory and pins the first two with pin (short-term) and
 * the third with ltpin (long-term); pins nest, so the first page is pinned twice. It pins its
 * own code with pincode, as a kext with interrupt handlers must. Run it with little real memory
 * to see the pinned pages stay while unpinned ones are paged out. CFG_TERM undoes every pin in
 * reverse order before freeing.
 *
 * Try: swift run aixsim load pinning --real-memory 16K
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/pin.h>
#include <stdio.h>

#define PAGE 4096
#define PAGES 4

static ulong area;

int pinning_entry(int cmd, struct uio *uiop)
{
    char *p;
    int rc, i;
    if (cmd == CFG_TERM) {
        ltunpin((void *)(area + 2 * PAGE), PAGE);
        unpin((void *)area, PAGE);
        unpin((void *)area, 2 * PAGE);
        vm_gfree(area, PAGES * PAGE);
        return unpincode(pinning_entry);
    }
    if ((rc = pincode(pinning_entry)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING, PAGES * PAGE, &area)) != 0)
        return rc;
    if ((rc = pin((void *)area, 2 * PAGE)) != 0)
        return rc;
    if ((rc = pin((void *)area, PAGE)) != 0)
        return rc;
    if ((rc = ltpin((void *)(area + 2 * PAGE), PAGE)) != 0)
        return rc;
    /* Touch every page, pinned or not, several times over. */
    p = (char *)area;
    for (i = 0; i < 3; i++) {
        int page;
        for (page = 0; page < PAGES; page++)
            p[page * PAGE + i] = (char)(page + i);
    }
    printf("pinning: 3 of %d pages pinned\n", PAGES);
    return 0;
}
