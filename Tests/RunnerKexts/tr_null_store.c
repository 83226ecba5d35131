/* expect: crash dsi */
/* Stores through a NULL pointer at CFG_INIT: a data storage interrupt. */
#include <sys/types.h>
#include <sys/device.h>

int tr_null_store_entry(int cmd, struct uio *uiop)
{
    volatile int *p = 0;
    if (cmd == CFG_INIT)
        *p = 1;
    return 0;
}
