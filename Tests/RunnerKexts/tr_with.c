/* expect: entry-failed; with --data fail */
/* CFG_INIT fails with EINVAL when its data is "fail": the outcome holds only if the runner
   passes the expect line's options to the worker. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <string.h>

int tr_with_entry(int cmd, struct uio *uiop)
{
    char buf[16] = {0};
    if (cmd != CFG_INIT || uiop == NULL || uiop->uio_resid >= (long)sizeof buf)
        return 0;
    if (uiomove(buf, (int)uiop->uio_resid, UIO_WRITE, uiop))
        return 0;
    return strcmp(buf, "fail") == 0 ? EINVAL : 0;
}
