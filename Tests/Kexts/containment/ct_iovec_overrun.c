/* expect: crash dsi; with --data hello */
/* Writes a second iovec into the entry point's uio, whose array has one: the store lands on
   the guard page after the array, and the report names it. */
#include <sys/types.h>
#include <sys/device.h>
#include <sys/uio.h>

int ct_iovec_overrun_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT && uiop != NULL) {
        struct iovec *v = uiop->uio_iov;
        v[1].iov_base = v[0].iov_base;
        v[1].iov_len = v[0].iov_len;
    }
    return 0;
}
