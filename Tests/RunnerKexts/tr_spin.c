/* expect: depends on --data; see below */
/* With --data spin, CFG_INIT never returns (a busy loop no simulated watchdog can see), so only
   the runner's --timeout ends it; with any other data it returns at once. No args: line, so a
   plain run of this folder skips it. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <string.h>

int tr_spin_entry(int cmd, struct uio *uiop)
{
    char buf[8] = {0};
    if (cmd != CFG_INIT || uiop == NULL || uiop->uio_resid >= (long)sizeof buf)
        return 0;
    if (uiomove(buf, (int)uiop->uio_resid, UIO_WRITE, uiop) == 0 && strcmp(buf, "spin") == 0)
        for (volatile int forever = 1; forever;)
            ;
    return 0;
}
