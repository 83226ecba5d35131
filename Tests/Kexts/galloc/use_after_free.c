/* expect: crash dsi */
/* Stores into a region after vm_gfree gave it back: a DSI naming the freed region. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int use_after_free_entry(int cmd, struct uio *uiop)
{
    ulong a;
    if (cmd != CFG_INIT || vm_galloc(V_WORKING, 8192, &a) != 0)
        return 0;
    ((char *)a)[100] = 1;
    vm_gfree(a, 8192);
    ((volatile char *)a)[100] = 2;   /* the region is gone */
    return 0;
}
