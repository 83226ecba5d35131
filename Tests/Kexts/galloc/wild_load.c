/* expect: crash dsi */
/* Loads through a small integer used as a pointer (0x18), outside the global memory. */
#include <sys/types.h>
#include <sys/device.h>

int wild_load_entry(int cmd, struct uio *uiop)
{
    volatile int *p = (int *)0x18;
    return cmd == CFG_INIT ? *p : 0;
}
