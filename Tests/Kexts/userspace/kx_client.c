/* expect: load-error */
/*
 * Loaded alone, its import of kx_lib_scale is unresolved and AIX's loader refuses it; loaded
 * after kx_lib (aixsim load kx_lib.c kx_client.c) the import binds to kx_lib's code and its
 * system call kx_client_scale reaches it directly.
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

extern int kx_lib_scale(int value, int factor);   /* imported from kx_lib (-bI:kx_lib.exp) */
extern int kx_lib_calls(void);

int kx_client_scale(int value)
{
    return kx_lib_scale(value, 3);
}

int kx_client_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        return kx_lib_scale(2, 2) == 4 && kx_lib_calls() == 1 ? 0 : EINVAL;
    return 0;
}
