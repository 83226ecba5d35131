/* expect: ok */
#include <sys/types.h>
#include <sys/errno.h>
#include <sys/vmuser.h>

/* Allocates 8 pages, loads from page 0, stores to pages 1..7: one read-only first touch and
   seven first stores, all demand zero-fill. */
int page_touch_entry(int cmd, struct uio *uiop)
{
    ulong ea;
    if (cmd != 1)
        return 0;
    if (vm_galloc(V_WORKING, 8 * 4096, &ea) != 0)
        return ENOMEM;
    volatile char *p = (volatile char *)ea;
    int sum = p[0];
    for (int i = 1; i < 8; i++)
        p[i * 4096] = (char)i;
    for (int i = 1; i < 8; i++)
        sum += p[i * 4096];
    if (sum != 28)
        return EINVAL;
    return vm_gfree(ea, 8 * 4096);
}
