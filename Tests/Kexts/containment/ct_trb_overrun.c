/* expect: crash dsi */
/* Stores one long past the end of the trb talloc returned (an array of one taken for two):
   the store faults on the guard page after it and the report names the trb. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/timer.h>

int ct_trb_overrun_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT) {
        struct trb *t = talloc();
        if (t == NULL)
            return 1;
        ((volatile long *)(t + 1))[1] = 0x5A5A;
    }
    return 0;
}
