/* expect: depends on --data
   args: --data "two words" */
/* Prints the data it was configured with; whatever it is, the run ends ok. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <stdio.h>

int tr_data_entry(int cmd, struct uio *uiop)
{
    char buf[32] = {0};
    if (cmd != CFG_INIT || uiop == NULL || uiop->uio_resid >= (long)sizeof buf)
        return 0;
    if (uiomove(buf, (int)uiop->uio_resid, UIO_WRITE, uiop) == 0)
        printf("data=%s\n", buf);
    return 0;
}
