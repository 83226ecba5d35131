/*
 * pagetable: the life of global-memory pages, as the VMM and the hashed page table see it.
 *
 * Run it with little real memory so that pages get stolen:
 *
 *     swift run aixsim load pagetable --real-memory 32K --inspect
 *
 * 1. vm_galloc 16 pages: no page has a frame or a PTE yet (demand zero-fill).
 * 2. Load from page 0: it gets a frame and a PTE; R is set, C is not.
 * 3. Store to page 0: now C is set too.
 * 4. pin page 1: it is brought in and can never be stolen.
 * 5. Store to every page: with 8 frames of real memory the clock steals unpinned pages to
 *    paging space; page 0 is among them, page 1 never is.
 * 6. Load page 0 again: it is paged back in, with the byte stored in step 3.
 * The pages stay allocated until CFG_TERM, so --inspect shows them after CFG_INIT.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/pin.h>
#include <stdio.h>

#define PAGES 16
#define PAGE  4096

static ulong region;

static void show(const char *step, int page)
{
    int bits = aixsim_pginfo((char *)region + page * PAGE);
    printf("pagetable: %-28s page %2d:%s%s%s%s\n", step, page,
           bits & AIXSIM_PG_RESIDENT ? " resident" : (bits & AIXSIM_PG_PAGED_OUT ? " paged-out" : " no-frame"),
           bits & AIXSIM_PG_REF ? " R" : "", bits & AIXSIM_PG_MOD ? " C" : "",
           bits & AIXSIM_PG_PINNED ? " pinned" : "");
}

int pagetable_entry(int cmd, struct uio *uiop)
{
    volatile char *p;
    switch (cmd) {
    case CFG_INIT:
        if (vm_galloc(V_WORKING, PAGES * PAGE, &region) != 0)
            return ENOMEM;
        p = (volatile char *)region;
        show("1. allocated", 0);
        (void)p[0];
        show("2. after a load", 0);
        p[0] = 42;
        show("3. after a store", 0);
        if (pin((char *)region + PAGE, PAGE) != 0)
            return ENOMEM;
        show("4. pinned", 1);
        for (int i = 2; i < PAGES; i++)
            p[i * PAGE] = (char)i;
        show("5. after touching 14 more", 0);
        show("5. after touching 14 more", 1);
        if (p[0] != 42)
            return EIO;
        show("6. loaded again", 0);
        return unpin((char *)region + PAGE, PAGE);
    case CFG_TERM:
        return vm_gfree(region, PAGES * PAGE);
    default:
        return EINVAL;
    }
}
