/* A kext of two C files, built with `aixsim cc`: the entry point here, the helper in mf_util.c.
   Both files include the AIX headers; the kext still has one services table. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/device.h>
#include <stdio.h>

int mf_twice(int value);   /* mf_util.c */

int mf_entry(int cmd, struct uio *uiop)
{
    if (cmd == CFG_INIT)
        printf("twice 21 is %d\n", mf_twice(21));
    return 0;
}
