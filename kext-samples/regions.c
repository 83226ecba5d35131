/*
 * regions: the rules of vm_galloc and vm_gfree, one call each.
 *
 * CFG_INIT takes three regions of global memory: 100 bytes (one page), 6000 bytes (two pages,
 * since sizes round up to 4 KB) and 4096 bytes that user programs may read (V_UREAD, page
 * protection 01). It writes into each, then shows two refusals: a size of 0, and a vm_gfree with
 * a size that does not match the region. CFG_TERM frees the three regions with their sizes.
 *
 * Try: swift run aixsim load regions
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>
#include <string.h>

static ulong small, medium, readable;

int regions_entry(int cmd, struct uio *uiop)
{
    ulong unused;
    int rc;
    if (cmd == CFG_TERM) {
        vm_gfree(readable, 4096);
        vm_gfree(medium, 6000);
        return vm_gfree(small, 100);
    }
    if ((rc = vm_galloc(V_WORKING, 100, &small)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING, 6000, &medium)) != 0)
        return rc;
    if ((rc = vm_galloc(V_WORKING | V_UREAD, 4096, &readable)) != 0)
        return rc;
    /* The rounded-up bytes belong to the region: the last byte of the second page is ours. */
    ((char *)medium)[8191] = 1;
    strcpy((char *)small, "small");
    strcpy((char *)readable, "for user programs");
    printf("regions: %s, %s\n", (char *)small, (char *)readable);
    if (vm_galloc(V_WORKING, 0, &unused) != EINVAL)
        return EIO;
    if (vm_gfree(medium, 4096) != EINVAL)
        return EIO;
    return 0;
}
