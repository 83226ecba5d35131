/* expect: ok */
/* Exercises vm_galloc/vm_gfree's argument rules; the test reads each call's result from the trace. */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>
#include <sys/device.h>

int galloc_rules_entry(int cmd, struct uio *uiop)
{
    ulong a = 0, b = 0, u = 0, s = 0;
    if (cmd != CFG_INIT)
        return 0;
    vm_galloc(0, 4096, &a);                      /* 1: no V_WORKING        -> EINVAL */
    vm_galloc(V_WORKING | V_CLIENT, 4096, &a);   /* 2: not a galloc flag   -> EINVAL */
    vm_galloc(V_WORKING, 0, &a);                 /* 3: size 0              -> EINVAL */
    vm_galloc(V_WORKING, -4096, &a);             /* 4: negative size       -> EINVAL */
    if (vm_galloc(V_WORKING, 1, &a) != 0)        /* 5: one byte, one page  -> 0 */
        return EFAULT;
    if ((a & 0xfff) != 0)
        return EFAULT;                           /* must be page-aligned */
    vm_galloc(V_WORKING | V_UREAD, 5000, &u);    /* 6: PP 01, 8 KB */
    vm_galloc(V_WORKING | V_SYSTEM, 4096, &s);   /* 7: V_SYSTEM recorded */
    vm_galloc(V_WORKING, 12288, &b);             /* 8 */
    vm_gfree(b, 8192);                           /* 9: wrong size          -> EINVAL */
    vm_gfree(b + 4096, 8192);                    /* 10: not the start      -> EINVAL */
    vm_gfree(b, 12000);                          /* 11: rounds to 12 KB    -> 0 */
    vm_gfree(b, 12288);                          /* 12: already freed      -> EINVAL */
    vm_gfree(12345, 4096);                       /* 13: outside the heap   -> EINVAL */
    vm_gfree(a, 4096);                           /* 14 */
    vm_gfree(u, 5000);                           /* 15 */
    vm_gfree(s, 4096);                           /* 16 */
    return 0;
}
