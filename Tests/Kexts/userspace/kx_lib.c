/* expect: ok */
/*
 * A kext that exports a kernel service to other kexts (kx_lib.exp, no keyword: kernel use
 * only), as a library kext does on AIX. kx_client imports it.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

static int calls;

int kx_lib_scale(int value, int factor)
{
    calls++;
    return value * factor;
}

int kx_lib_calls(void)
{
    return calls;
}

int kx_lib_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
