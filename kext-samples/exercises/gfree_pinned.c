/* expect: findings freed-while-pinned */
/*
 * Exercise gfree_pinned: a DMA buffer is pinned at CFG_INIT and returned at CFG_TERM. The run
 * ends normally, with a finding.
 *
 * Run: swift run aixsim load kext-samples/exercises/gfree_pinned.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/pin.h>

#define DMA_BYTES 8192

static ulong dma;

int gfree_pinned_entry(int cmd, struct uio *uiop)
{
    int rc;
    if (cmd == CFG_TERM)
        return vm_gfree(dma, DMA_BYTES);
    if ((rc = vm_galloc(V_WORKING, DMA_BYTES, &dma)) != 0)
        return rc;
    return pin((void *)dma, DMA_BYTES);
}
