/* expect: crash dsi */
/* Stores through a non-canonical pointer: the host cannot say which address faulted, and the
   report must not claim 0x0. */
#include <sys/types.h>
#include <sys/device.h>

int ct_noncanonical_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        *(volatile long *)0xF100000000001000UL = 1;
    return 0;
}
