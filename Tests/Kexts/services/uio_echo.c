/* expect: ok */
/* Copies its configuration data in with uiomove and prints it. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <sys/uio.h>
#include <stdio.h>

int uio_echo_entry(int cmd, struct uio *uiop)
{
    char buf[64];
    if (cmd != CFG_INIT)
        return 0;
    if (uiop == NULL) {
        printf("no data\n");
        return 0;
    }
    long n = uiop->uio_resid;
    if (n > 63)
        n = 63;
    int rc = uiomove(buf, (int)n, UIO_WRITE, uiop);
    if (rc)
        return rc;
    buf[n] = 0;
    printf("data=%s resid=%ld\n", buf, uiop->uio_resid);
    return 0;
}
