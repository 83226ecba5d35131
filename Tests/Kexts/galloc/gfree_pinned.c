/* expect: findings freed-while-pinned */
/* Pins a page of a galloc region and frees the region without unpinning it: the report names
   the vm_gfree call's source line. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/pin.h>
#include <sys/vmuser.h>

int gfree_pinned_entry(int cmd, struct uio *uiop)
{
    ulong ea;
    if (cmd != 1)
        return 0;
    if (vm_galloc(V_WORKING, 2 * 4096, &ea) != 0)
        return ENOMEM;
    if (pin((caddr_t)ea, 4096) != 0)
        return EINVAL;
    return vm_gfree(ea, 2 * 4096);
}
