/*
 * lib_import: a kext that imports lib_export's service and offers a system call over it.
 * The call into lib_checksum is a direct call into the other kext's code, as on AIX; loaded
 * without lib_export, the import is unresolved and the load fails.
 *
 *   int checksum(char *buf, int n): copies n user bytes in, returns lib_checksum of them.
 *
 * Try: aixsim load lib_export lib_import --user kext-samples/lib_import.user.json
 *  or: aixsim load lib_export lib_import --user kext-samples/user-programs/lib_import.c
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/uio.h>
#include <sys/device.h>

extern int lib_checksum(const unsigned char *p, int n);   /* -bI:lib_export.exp */

int checksum(char *buf, int n)
{
    unsigned char k[64];
    int rc;
    if (n < 0 || n > (int)sizeof k) {
        setuerror(EINVAL);
        return -1;
    }
    if ((rc = copyin(buf, k, n)) != 0) {
        setuerror(rc);
        return -1;
    }
    return lib_checksum(k, n);
}

int lib_import_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
