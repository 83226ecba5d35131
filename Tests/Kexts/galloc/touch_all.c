/* expect: ok */
/* Writes every byte of a fresh region, reads it back, checks it was zero-filled first. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>
#include <stdio.h>

int touch_all_entry(int cmd, struct uio *uiop)
{
    static ulong r;
    const long size = 3 * 4096 + 100;
    if (cmd == CFG_TERM)
        return vm_gfree(r, size);
    if (vm_galloc(V_WORKING, size, &r))
        return ENOMEM;
    unsigned char *p = (unsigned char *)r;
    long rounded = 4 * 4096;
    for (long i = 0; i < rounded; i++)
        if (p[i] != 0)
            return EIO;
    for (long i = 0; i < rounded; i++)
        p[i] = (unsigned char)i;
    for (long i = 0; i < rounded; i++)
        if (p[i] != (unsigned char)i)
            return EIO;
    printf("touched %ld bytes\n", rounded);
    return 0;
}
