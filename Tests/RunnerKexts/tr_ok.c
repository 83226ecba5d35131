/* expect: ok */
/* Allocates a region and gives it back: nothing to report. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int tr_ok_entry(int cmd, struct uio *uiop)
{
    static ulong region;
    if (cmd == CFG_INIT)
        return vm_galloc(V_WORKING, 4096, &region);
    return vm_gfree(region, 4096);
}
