/*
 * lib_export: a kext that offers a kernel service to other kexts, as AIX library kexts do.
 * Its export file lib_export.exp lists lib_checksum with no keyword: kernel use only, for
 * kexts linked with -bI:lib_export.exp. Load it before its users:
 *
 * Try: aixsim load lib_export lib_import --user kext-samples/lib_import.user.json
 */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>

static int served;

/* A 16-bit ones'-complement style sum of n bytes of kernel memory. */
int lib_checksum(const unsigned char *p, int n)
{
    unsigned int sum = 0;
    int i;
    served++;
    for (i = 0; i < n; i++)
        sum += p[i];
    return (int)(sum & 0xFFFF);
}

int lib_served(void)
{
    return served;
}

int lib_export_entry(int cmd, struct uio *uiop)
{
    return cmd == CFG_INIT || cmd == CFG_TERM ? 0 : EINVAL;
}
