/* expect: entry-failed; with --data 128 --galloc-heap 64M */
/* Asks for the size given as --data (in MB) and returns vm_galloc's result. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <sys/uio.h>

int galloc_big_entry(int cmd, struct uio *uiop)
{
    static ulong region;
    static long size;
    if (cmd == CFG_TERM)
        return vm_gfree(region, size);
    char text[16] = {0};
    if (uiop == NULL || uiomove(text, uiop->uio_resid < 15 ? (int)uiop->uio_resid : 15, UIO_WRITE, uiop))
        return EINVAL;
    long mb = 0;
    for (char *p = text; *p >= '0' && *p <= '9'; p++)
        mb = mb * 10 + (*p - '0');
    size = mb << 20;
    return vm_galloc(V_WORKING, size, &region);
}
