/* expect: crash dsi */
/* Loads from just before the start of a region: a DSI naming that region. */
#include <sys/types.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int underrun_entry(int cmd, struct uio *uiop)
{
    ulong a, b;
    if (cmd != CFG_INIT)
        return 0;
    vm_galloc(V_WORKING, 4096, &a);
    vm_galloc(V_WORKING, 4096, &b);
    return ((volatile char *)b)[-8];   /* a load before b's first byte */
}
