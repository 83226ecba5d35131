/* A kext of two C files loaded as `aixsim load twofile.c+twofile_util.c`, written the way
   old AIX drivers were: twofile_util.c's function has no prototype here, so the call is an
   implicit declaration (int twofile_sum()), which AIX compilers accepted with a warning. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>
#include <stdio.h>
#include <string.h>

int twofile_entry(int cmd, struct uio *uiop)
{
    char data[16] = "";
    if (cmd != CFG_INIT)
        return 0;
    if (uiop != NULL && uiop->uio_iov != NULL) {
        int n = uiop->uio_resid < 15 ? (int)uiop->uio_resid : 15;
        memcpy(data, uiop->uio_iov->iov_base, n);
        data[n] = 0;
    }
    if (strcmp(data, "crash") == 0)
        return twofile_poke(0);          /* twofile_util.c stores through the NULL it is given */
    printf("sum 1..10 is %d\n", twofile_sum(10));
    return 0;
}
