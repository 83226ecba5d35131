/* expect: crash hang; with --watchdog 300ms */
/* Spins in CFG_INIT without calling the kernel: the watchdog stops it and names the loop. */
#include <sys/types.h>
#include <sys/device.h>

static volatile int forever = 1;

int ct_spin_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        while (forever)
            ;
    return 0;
}
